package org.qingfeng.connectors.hl7;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Reads HL7 DTM/TS values (YYYY[MM[DD[HH[MM[SS[.S…]]]]]][+/-ZZZZ]); a value without offset is local time. */
final class Hl7Timestamps {
    private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private Hl7Timestamps() {}

    static Instant parse(String value, ZoneId localZone) {
        if (value == null || value.length() < 8) {
            return null;
        }
        String v = value.trim();
        ZoneId zone = localZone;
        int sign = Math.max(v.indexOf('+'), v.indexOf('-'));
        if (sign > 0) {
            String offset = v.substring(sign);
            v = v.substring(0, sign);
            if (offset.length() == 5) {
                try {
                    zone = ZoneOffset.of(offset.substring(0, 3) + ":" + offset.substring(3));
                } catch (RuntimeException ignored) {
                    // a malformed offset: keep local time
                }
            }
        }
        int dot = v.indexOf('.');
        if (dot > 0) {
            v = v.substring(0, dot);
        }
        if (v.length() < 8 || v.length() > 14 || !v.chars().allMatch(Character::isDigit)) {
            return null;
        }
        String padded = (v + "000000").substring(0, 14);
        try {
            return LocalDateTime.parse(padded, BASIC).atZone(zone).toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
