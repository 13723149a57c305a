package org.qingfeng.monitors.pattern;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.qingfeng.config.RuleSettings;
import org.qingfeng.config.Severity;
import org.qingfeng.config.reference.Drug;
import org.qingfeng.config.reference.StaffMember;
import org.qingfeng.monitors.ReferenceData;

/** What the pattern rules share: names from the reference data, defaults for thresholds, rounding. */
final class PatternFindings {

    private PatternFindings() {}

    static String itemName(ReferenceData reference, String code) {
        return reference.drug(code).map(Drug::name).orElse(code);
    }

    static String staffName(ReferenceData reference, String id) {
        return reference.staff(id).map(StaffMember::name).orElse(id);
    }

    static boolean enabled(RuleSettings s) {
        return !Boolean.FALSE.equals(s.getEnabled());
    }

    static Severity severity(RuleSettings s, Severity fallback) {
        return s.getSeverity() == null ? fallback : s.getSeverity();
    }

    static int or(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    static double or(BigDecimal value, double fallback) {
        return value == null ? fallback : value.doubleValue();
    }

    static BigDecimal round(double value, int scale) {
        if (Double.isInfinite(value) || Double.isNaN(value)) {
            return null;
        }
        return BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP);
    }

    /** Evidence that every pattern finding carries, in a stable order. */
    static Map<String, Object> evidence(String period, String itemCode, String itemName) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("period", period);
        if (itemCode != null) {
            e.put("itemCode", itemCode);
            e.put("itemName", itemName);
        }
        return e;
    }
}
