package org.qingfeng.config;

import jakarta.validation.constraints.Size;

/** {@code qingfeng.privacy.*}: how patient identifiers are pseudonymized on receipt. */
public class PrivacyProperties {

    /**
     * Secret key of the HMAC that replaces patient IDs. Keep it out of the repository; when empty the application
     * creates a random key once and keeps it in the database.
     */
    @Size(min = 16, message = "must be at least 16 characters")
    private String patientIdKey;

    public String getPatientIdKey() {
        return patientIdKey;
    }

    public void setPatientIdKey(String patientIdKey) {
        this.patientIdKey = patientIdKey;
    }
}
