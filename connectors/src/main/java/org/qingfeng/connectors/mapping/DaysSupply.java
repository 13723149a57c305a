package org.qingfeng.connectors.mapping;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** Days' supply: TQ1-6 service duration when given, else dispensed quantity ÷ (dose × times per day). */
public final class DaysSupply {
    private DaysSupply() {}

    public static BigDecimal of(
            String durationValue,
            String durationUnit,
            BigDecimal dose,
            String doseUnit,
            BigDecimal quantity,
            String quantityUnit,
            String frequency) {
        BigDecimal duration = decimal(durationValue);
        if (duration != null) {
            BigDecimal days = inDays(duration, durationUnit);
            if (days != null) {
                return days;
            }
        }
        Integer perDay = Frequencies.perDay(frequency);
        if (perDay == null || dose == null || quantity == null || dose.signum() <= 0) {
            return null;
        }
        // Only when dose and quantity are counted in the same unit (e.g. both tablets) is the quotient meaningful.
        if (doseUnit != null && quantityUnit != null && !doseUnit.equalsIgnoreCase(quantityUnit)) {
            return null;
        }
        return quantity.divide(dose.multiply(BigDecimal.valueOf(perDay)), 1, RoundingMode.HALF_UP);
    }

    private static BigDecimal inDays(BigDecimal value, String unit) {
        String u = unit == null ? "d" : unit.trim().toLowerCase(Locale.ROOT);
        return switch (u) {
            case "d", "day", "days", "天" -> value;
            case "wk", "w", "week", "weeks", "周" -> value.multiply(BigDecimal.valueOf(7));
            case "mo", "month", "months", "月" -> value.multiply(BigDecimal.valueOf(30));
            case "h", "hr", "hour", "hours" -> value.divide(BigDecimal.valueOf(24), 1, RoundingMode.HALF_UP);
            default -> null;
        };
    }

    /** A decimal from text, or null when the text is absent or not a number. */
    public static BigDecimal decimal(String v) {
        if (v == null) {
            return null;
        }
        try {
            return new BigDecimal(v.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
