package org.qingfeng.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;

/** {@code qingfeng.fhir.*}: FHIR R4 sources (interfaces.md §2). */
public class FhirProperties {

    /** The FHIR servers; none by default. */
    @NotNull
    private List<@Valid FhirSource> sources = new ArrayList<>();

    /** The URL at which the sources' FHIR servers reach the rest-hook receiver (…/fhir/r4/notify), for the Subscriptions Qingfeng creates. */
    private String notifyUrl;

    /** When set, only codings of this system are matched to the drug catalog. */
    private String drugCodeSystem;

    public List<@Valid FhirSource> getSources() {
        return sources;
    }

    public void setSources(List<@Valid FhirSource> sources) {
        this.sources = sources;
    }

    public String getDrugCodeSystem() {
        return drugCodeSystem;
    }

    public void setDrugCodeSystem(String drugCodeSystem) {
        this.drugCodeSystem = drugCodeSystem;
    }

    public String getNotifyUrl() {
        return notifyUrl;
    }

    public void setNotifyUrl(String notifyUrl) {
        this.notifyUrl = notifyUrl;
    }
}
