package org.qingfeng.monitors.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.qingfeng.config.RuleSettings;
import org.qingfeng.config.Severity;
import org.qingfeng.config.reference.Drug;
import org.qingfeng.monitors.event.Prescription;
import org.qingfeng.monitors.event.PrescriptionLine;
import org.qingfeng.monitors.finding.Finding;
import org.qingfeng.monitors.finding.Inbox;
import org.qingfeng.monitors.rules.PrescriptionEvidence.JustifiedWhen;

/**
 * RX_AMOUNT_HIGH (大处方): the prescription's total, catalog unit price × dispensed quantity, over ¥1,000 for
 * outpatients or ¥500 for emergency patients. Inpatient orders are checked only when an inpatient amount is set.
 */
public final class AmountHighRule implements PrescriptionRule {
    public static final String CODE = "RX_AMOUNT_HIGH";
    static final BigDecimal OUTPATIENT_AMOUNT = new BigDecimal("1000");
    static final BigDecimal EMERGENCY_AMOUNT = new BigDecimal("500");

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
        BigDecimal limit = switch (rx.patientClass()) {
            case OUTPATIENT -> ctx.threshold(RuleSettings::getOutpatientAmount, OUTPATIENT_AMOUNT);
            case EMERGENCY -> ctx.threshold(RuleSettings::getEmergencyAmount, EMERGENCY_AMOUNT);
            case INPATIENT -> ctx.threshold(RuleSettings::getInpatientAmount, null);
            case UNKNOWN -> null;
        };
        if (limit == null) {
            return Optional.empty();
        }
        BigDecimal total = BigDecimal.ZERO;
        List<Map<String, Object>> priced = new ArrayList<>();
        List<PrescriptionLine> lines = new ArrayList<>();
        for (PrescriptionLine l : rx.activeLines()) {
            Optional<Drug> drug = ctx.reference().drug(l.itemCode());
            if (drug.isEmpty() || l.quantity() == null) {
                continue;
            }
            BigDecimal amount = drug.get().unitPrice().multiply(l.quantity()).setScale(2, RoundingMode.HALF_UP);
            total = total.add(amount);
            lines.add(l);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("itemCode", l.itemCode());
            p.put("unitPrice", drug.get().unitPrice());
            p.put("quantity", l.quantity());
            p.put("amount", amount);
            priced.add(p);
        }
        if (total.compareTo(limit) <= 0) {
            return Optional.empty();
        }
        priced.sort(Comparator.comparing(m -> (BigDecimal) m.get("amount"), Comparator.reverseOrder()));
        String title =
                "处方金额 ¥" + total.toPlainString() + "，超过 ¥" + limit.toPlainString() + " / prescription amount high";
        return Optional.of(PrescriptionEvidence.finding(
                this, rx, ctx, title, lines, limit, total, Map.of("amounts", priced), JustifiedWhen.ANY_LINE));
    }
}
