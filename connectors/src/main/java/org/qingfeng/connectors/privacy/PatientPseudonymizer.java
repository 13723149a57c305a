package org.qingfeng.connectors.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces a patient identifier with a keyed HMAC-SHA256 before anything is stored: monitors need continuity per
 * patient, not identity. The same ID from the same assigning authority always maps to the same pseudonym.
 */
public final class PatientPseudonymizer {
    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;

    public PatientPseudonymizer(byte[] secret) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("the pseudonymization key must have at least 16 bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
    }

    public String pseudonym(String assigningAuthority, String patientId) {
        if (patientId == null || patientId.isBlank()) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            String input = (assigningAuthority == null ? "" : assigningAuthority.trim()) + "|" + patientId.trim();
            byte[] digest = mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
            return "P" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
