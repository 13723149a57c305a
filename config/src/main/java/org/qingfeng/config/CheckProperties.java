package org.qingfeng.config;

import jakarta.validation.constraints.NotBlank;

/**
 * {@code qingfeng.check.*}: the synchronous check API and the CDS Hooks service. Draft orders carry no sending
 * facility or patient-ID authority, so they are taken from here; they must match what the HIS sends in MSH-4 and
 * PID-3.4, or the patient's other orders (duplicate therapy) are not found.
 */
public class CheckProperties {

    @NotBlank
    private String facility = "QF-HOSP";

    @NotBlank
    private String patientIdAuthority = "QF-HOSP";

    /** Only codings of this system are matched to the drug catalog (empty: any system). */
    private String drugCodeSystem = "";

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

    public String getDrugCodeSystem() {
        return drugCodeSystem;
    }

    public void setDrugCodeSystem(String drugCodeSystem) {
        this.drugCodeSystem = drugCodeSystem;
    }
}
