package org.qingfeng.config;

import jakarta.validation.constraints.Pattern;

/** {@code qingfeng.privacy.*}: how patient identifiers are pseudonymized on receipt. */
public class PrivacyProperties {

    /**
     * Secret key of the HMAC that replaces patient IDs. Keep it out of the repository; when empty the application
     * creates a random key once and keeps it in the database.
     */
    @Pattern(regexp = "|.{16,}", message = "must be empty (a key is made and kept) or at least 16 characters")
    private String patientIdKey;

    public String getPatientIdKey() {
        return patientIdKey;
    }

    public void setPatientIdKey(String patientIdKey) {
        this.patientIdKey = patientIdKey;
    }
}
