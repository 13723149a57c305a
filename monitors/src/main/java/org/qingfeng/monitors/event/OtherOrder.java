package org.qingfeng.monitors.event;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A line of another prescription of the same patient, as the duplicate-therapy check needs it.
 *
 * @param daysSupply null when the order gave none (a standing inpatient order runs until it is discontinued)
 */
public record OtherOrder(
        String prescriptionKey,
        String placerOrderNo,
        String itemCode,
        String itemName,
        PatientClass patientClass,
        Instant orderedAt,
        BigDecimal daysSupply) {

    /** True while the order still covers {@code at}: within its days' supply, or standing (inpatient, no duration). */
    public boolean activeAt(Instant at) {
        if (orderedAt == null || at == null) {
            return false;
        }
        if (daysSupply == null) {
            return patientClass == PatientClass.INPATIENT
                    ? !orderedAt.isAfter(at)
                    : !orderedAt.plusSeconds(86_400).isBefore(at);
        }
        long seconds = daysSupply.multiply(BigDecimal.valueOf(86_400)).longValue();
        return !orderedAt.isAfter(at) && orderedAt.plusSeconds(seconds).isAfter(at);
    }
}
