package org.qingfeng.monitors.event;

import java.time.Instant;
import java.util.List;

/**
 * A prescription: all lines that share a prescription (group) number from one facility. This is the unit the
 * real-time rules evaluate.
 */
public record Prescription(
        String facility,
        String prescriptionNo,
        String patientKey,
        PatientClass patientClass,
        String departmentCode,
        String departmentName,
        String prescriberId,
        String prescriberName,
        Instant orderedAt,
        List<PrescriptionLine> lines) {

    public Prescription {
        lines = List.copyOf(lines);
    }

    /** The stable key of this prescription across feeds. */
    public String key() {
        return facility + ":" + prescriptionNo;
    }

    public List<PrescriptionLine> activeLines() {
        return lines.stream().filter(PrescriptionLine::active).toList();
    }
}
