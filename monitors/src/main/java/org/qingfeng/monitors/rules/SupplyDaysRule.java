package org.qingfeng.monitors.rules;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.qingfeng.config.RuleSettings;
import org.qingfeng.config.Severity;
import org.qingfeng.monitors.event.PatientClass;
import org.qingfeng.monitors.event.Prescription;
import org.qingfeng.monitors.event.PrescriptionLine;
import org.qingfeng.monitors.finding.Finding;
import org.qingfeng.monitors.finding.Inbox;
import org.qingfeng.monitors.rules.PrescriptionEvidence.JustifiedWhen;

/**
 * RX_SUPPLY_DAYS_EXCEEDED: days' supply over the limit for the patient class (处方管理办法 §19): outpatient 7 days,
 * emergency 3 days, a chronic-disease long prescription 84 days. Inpatient orders are not limited here.
 */
public final class SupplyDaysRule implements PrescriptionRule {
    public static final String CODE = "RX_SUPPLY_DAYS_EXCEEDED";
    static final int OUTPATIENT_DAYS = 7;
    static final int EMERGENCY_DAYS = 3;
    static final int CHRONIC_DAYS = 84;

    @Override
    public String code() {
        return CODE;
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.MEDIUM;
    }

    @Override
    public Inbox inbox() {
        return Inbox.PHARMACY;
    }

    @Override
    public Optional<Finding> evaluate(Prescription rx, RuleContext ctx) {
        if (rx.patientClass() != PatientClass.OUTPATIENT && rx.patientClass() != PatientClass.EMERGENCY) {
            return Optional.empty();
        }
        List<PrescriptionLine> over = rx.activeLines().stream()
                .filter(l -> l.daysSupply() != null)
                .filter(l -> l.daysSupply().compareTo(BigDecimal.valueOf(limit(rx, l, ctx))) > 0)
                .toList();
        if (over.isEmpty()) {
            return Optional.empty();
        }
        PrescriptionLine worst = over.stream()
                .max((a, b) -> a.daysSupply().compareTo(b.daysSupply()))
                .orElseThrow();
        int limit = limit(rx, worst, ctx);
        String title = "处方用药天数 " + worst.daysSupply().stripTrailingZeros().toPlainString() + " 天，超过 " + limit
                + " 天上限 / days' supply over limit";
        return Optional.of(PrescriptionEvidence.finding(
                this,
                rx,
                ctx,
                title,
                over,
                limit,
                worst.daysSupply(),
                Map.of("limitBasis", basis(rx, worst)),
                JustifiedWhen.EVERY_LINE));
    }

    private static int limit(Prescription rx, PrescriptionLine line, RuleContext ctx) {
        if (line.chronic()) {
            return ctx.threshold(RuleSettings::getChronicDays, CHRONIC_DAYS);
        }
        return rx.patientClass() == PatientClass.EMERGENCY
                ? ctx.threshold(RuleSettings::getEmergencyDays, EMERGENCY_DAYS)
                : ctx.threshold(RuleSettings::getOutpatientDays, OUTPATIENT_DAYS);
    }

    private static String basis(Prescription rx, PrescriptionLine line) {
        return line.chronic() ? "CHRONIC" : rx.patientClass().name();
    }
}
