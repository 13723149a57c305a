package org.qingfeng.monitors.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qingfeng.monitors.event.Prescription;
import org.qingfeng.monitors.event.PrescriptionLine;
import org.qingfeng.monitors.finding.Finding;
import org.qingfeng.monitors.finding.Subject;
import org.qingfeng.monitors.finding.SubjectType;

/** Builds the finding every prescription rule raises: the prescriber as subject, the prescription as evidence. */
final class PrescriptionEvidence {

    private PrescriptionEvidence() {}

    /** When the prescriber's justification covers the finding. */
    enum JustifiedWhen {
        /** every offending line carries one (a per-line limit: each line must be explained) */
        EVERY_LINE,
        /** any line carries one (a limit on the whole prescription, such as its item count or total) */
        ANY_LINE
    }

    static Finding finding(
            PrescriptionRule rule,
            Prescription rx,
            RuleContext ctx,
            String title,
            List<PrescriptionLine> offending,
            Object limit,
            Object actual,
            Map<String, Object> extra,
            JustifiedWhen when) {
        String prescriberName =
                ctx.reference().staff(rx.prescriberId()).map(s -> s.name()).orElse(rx.prescriberName());
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("prescription", prescription(rx));
        evidence.put("limit", limit);
        evidence.put("actual", actual);
        evidence.putAll(extra);
        evidence.put("lines", offending.stream().map(PrescriptionEvidence::line).toList());
        boolean justified = !offending.isEmpty()
                && (when == JustifiedWhen.EVERY_LINE
                        ? offending.stream().allMatch(PrescriptionLine::justified)
                        : offending.stream().anyMatch(PrescriptionLine::justified));
        List<String> justifications = new ArrayList<>();
        offending.stream().filter(PrescriptionLine::justified).forEach(l -> justifications.add(l.justification()));
        if (!justifications.isEmpty()) {
            evidence.put("justifications", justifications);
        }
        return new Finding(
                rule.code(),
                ctx.severity(rule.defaultSeverity()),
                rule.inbox(),
                new Subject(SubjectType.STAFF, rx.prescriberId(), prescriberName),
                rx.departmentCode(),
                "RX:" + rx.key(),
                title,
                justified,
                evidence);
    }

    static Map<String, Object> prescription(Prescription rx) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", rx.key());
        m.put("facility", rx.facility());
        m.put("number", rx.prescriptionNo());
        m.put("patientClass", rx.patientClass().name());
        m.put("departmentCode", rx.departmentCode());
        m.put("departmentName", rx.departmentName());
        m.put("prescriberId", rx.prescriberId());
        m.put("prescriberName", rx.prescriberName());
        m.put("orderedAt", rx.orderedAt() == null ? null : rx.orderedAt().toString());
        m.put("lineCount", rx.activeLines().size());
        return m;
    }

    static Map<String, Object> line(PrescriptionLine l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("placerOrderNo", l.placerOrderNo());
        m.put("itemCode", l.itemCode());
        m.put("itemName", l.itemName());
        m.put("quantity", l.quantity());
        m.put("quantityUnit", l.quantityUnit());
        m.put("frequency", l.frequency());
        m.put("daysSupply", l.daysSupply());
        m.put("justification", l.justification());
        return m;
    }
}
