package org.qingfeng.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code qingfeng.fhir.sources[i].*}: one FHIR server Qingfeng polls and takes notifications from. */
public class FhirSource {

    /** Name of the source (in dead letters, metrics, the notify URL's ?source=). */
    @NotBlank
    @Pattern(regexp = "[A-Za-z0-9_-]{1,30}", message = "must be 1-30 letters, digits, - or _")
    private String id = "his";

    /** Base URL of the FHIR R4 server; without it the source only receives notifications. */
    @Pattern(regexp = "https?://.+", message = "must be an http(s) URL")
    private String baseUrl;

    /** Resource types polled. */
    private List<
                    @Pattern(
                            regexp = "MedicationRequest|AuditEvent",
                            message = "must be MedicationRequest or AuditEvent")
                    String>
            resourceTypes = new ArrayList<>(List.of("MedicationRequest"));

    /** _count of each search page. */
    @Min(1)
    @Max(1000)
    private int pageSize = 100;

    /** Time between polls (0 or less: no polling, notifications only). */
    @NotNull
    private Duration pollInterval = Duration.ofMinutes(1);

    /** Each poll starts this far before the high-water mark, for resources committed late with older timestamps. */
    @NotNull
    private Duration overlap = Duration.ofMinutes(5);

    /** Resources updated less than this long ago are left to the next poll (transactions still committing). */
    @NotNull
    private Duration settle = Duration.ofSeconds(30);

    /** Sending facility of this source's orders: the same order from HL7 (MSH-4) and FHIR is one order only when these match. */
    @NotBlank
    private String facility = "QF-HOSP";

    /** Assigning authority of the source's patient ids (as PID-3.4 on the HL7 feed), for pseudonyms that match. */
    @NotBlank
    private String patientIdAuthority = "QF-HOSP";

    /** When set, rest-hook notifications for this source must carry it (Authorization: Bearer … or X-Qingfeng-Notify-Secret). */
    private String notifySecret;

    @Valid
    @NotNull
    private FhirAuth auth = new FhirAuth();

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public List<
                    @Pattern(
                            regexp = "MedicationRequest|AuditEvent",
                            message = "must be MedicationRequest or AuditEvent")
                    String>
            getResourceTypes() {
        return resourceTypes;
    }

    public void setResourceTypes(
            List<
                            @Pattern(
                                    regexp = "MedicationRequest",
                                    message = "only MedicationRequest is polled in this version")
                            String>
                    resourceTypes) {
        this.resourceTypes = resourceTypes;
    }

    public int getPageSize() {
        return pageSize;
    }

    public void setPageSize(int pageSize) {
        this.pageSize = pageSize;
    }

    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    public Duration getOverlap() {
        return overlap;
    }

    public void setOverlap(Duration overlap) {
        this.overlap = overlap;
    }

    public Duration getSettle() {
        return settle;
    }

    public void setSettle(Duration settle) {
        this.settle = settle;
    }

    public String getFacility() {
        return facility;
    }

    public void setFacility(String facility) {
        this.facility = facility;
    }

    public String getPatientIdAuthority() {
        return patientIdAuthority;
    }

    public void setPatientIdAuthority(String patientIdAuthority) {
        this.patientIdAuthority = patientIdAuthority;
    }

    public String getNotifySecret() {
        return notifySecret;
    }

    public void setNotifySecret(String notifySecret) {
        this.notifySecret = notifySecret;
    }

    public FhirAuth getAuth() {
        return auth;
    }

    public void setAuth(FhirAuth auth) {
        this.auth = auth;
    }
}
