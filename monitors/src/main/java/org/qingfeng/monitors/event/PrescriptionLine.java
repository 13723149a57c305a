package org.qingfeng.monitors.event;

import java.math.BigDecimal;

/**
 * One drug line of a prescription, normalized from HL7 v2 or FHIR. Quantities are in catalog units; {@code daysSupply}
 * is null when neither a duration nor dose × frequency was given.
 */
public record PrescriptionLine(
        String placerOrderNo,
        LineStatus status,
        String itemCode,
        String itemName,
        BigDecimal dose,
        String doseUnit,
        BigDecimal quantity,
        String quantityUnit,
        String frequency,
        BigDecimal daysSupply,
        String route,
        String indication,
        String justification,
        boolean chronic) {

    public boolean justified() {
        return justification != null;
    }

    public boolean active() {
        return status == LineStatus.ACTIVE;
    }

    public PrescriptionLine withStatus(LineStatus newStatus) {
        return with(newStatus, justification, chronic);
    }

    public PrescriptionLine withJustification(String text) {
        return with(status, text, chronic);
    }

    public PrescriptionLine asChronic() {
        return with(status, justification, true);
    }

    private PrescriptionLine with(LineStatus newStatus, String newJustification, boolean newChronic) {
        return new PrescriptionLine(
                placerOrderNo,
                newStatus,
                itemCode,
                itemName,
                dose,
                doseUnit,
                quantity,
                quantityUnit,
                frequency,
                daysSupply,
                route,
                indication,
                newJustification,
                newChronic);
    }
}
