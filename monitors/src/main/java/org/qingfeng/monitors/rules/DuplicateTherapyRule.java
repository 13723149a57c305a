package org.qingfeng.monitors.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.qingfeng.config.RuleSettings;
import org.qingfeng.config.Severity;
import org.qingfeng.config.reference.Drug;
import org.qingfeng.monitors.event.OtherOrder;
import org.qingfeng.monitors.event.Prescription;
import org.qingfeng.monitors.event.PrescriptionLine;
import org.qingfeng.monitors.finding.Finding;
import org.qingfeng.monitors.finding.Inbox;
import org.qingfeng.monitors.rules.PrescriptionEvidence.JustifiedWhen;

/**
 * RX_DUPLICATE_THERAPY (重复用药): two lines of the same pharmacological class (ATC level 4 by default) in one
 * prescription, or a line of a class the patient already has in another order still running when this one was
 * written.
 */
public final class DuplicateTherapyRule implements PrescriptionRule {
    public static final String CODE = "RX_DUPLICATE_THERAPY";
    static final int ATC_LEVEL = 4;
    static final int LOOKBACK_DAYS = 30;
    /** Length of an ATC code prefix at each level: A, A10, A10B, A10BA, A10BA02. */
    private static final int[] PREFIX_LENGTH = {0, 1, 3, 4, 5, 7};

    /** How far back the patient's other orders must be read for this rule. */
    public static java.time.Duration lookback(RuleSettings settings) {
        return java.time.Duration.ofDays(
                settings.getLookbackDays() != null ? settings.getLookbackDays() : LOOKBACK_DAYS);
    }

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
        int length = PREFIX_LENGTH[ctx.threshold(RuleSettings::getAtcLevel, ATC_LEVEL)];
        Map<String, List<PrescriptionLine>> byClass = new LinkedHashMap<>();
        for (PrescriptionLine l : rx.activeLines()) {
            atcClass(ctx, l.itemCode(), length)
                    .ifPresent(c ->
                            byClass.computeIfAbsent(c, k -> new ArrayList<>()).add(l));
        }
        Instant at = rx.orderedAt();
        Map<String, List<OtherOrder>> running = new LinkedHashMap<>();
        for (OtherOrder o : ctx.otherOrders()) {
            if (o.prescriptionKey().equals(rx.key()) || !o.activeAt(at)) {
                continue;
            }
            atcClass(ctx, o.itemCode(), length)
                    .filter(byClass::containsKey)
                    .ifPresent(c ->
                            running.computeIfAbsent(c, k -> new ArrayList<>()).add(o));
        }
        Set<PrescriptionLine> offending = new LinkedHashSet<>();
        List<Map<String, Object>> classes = new ArrayList<>();
        int worst = 0;
        for (Map.Entry<String, List<PrescriptionLine>> e : byClass.entrySet()) {
            List<OtherOrder> others = running.getOrDefault(e.getKey(), List.of());
            int total = e.getValue().size() + others.size();
            if (total < 2) {
                continue;
            }
            worst = Math.max(worst, total);
            offending.addAll(e.getValue());
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("atcClass", e.getKey());
            c.put("items", e.getValue().stream().map(PrescriptionLine::itemCode).toList());
            c.put(
                    "otherOrders",
                    others.stream().map(DuplicateTherapyRule::other).toList());
            classes.add(c);
        }
        if (offending.isEmpty()) {
            return Optional.empty();
        }
        String title = "重复用药：同类药物（ATC " + classes.get(0).get("atcClass") + "）" + worst + " 种 / duplicate therapy";
        return Optional.of(PrescriptionEvidence.finding(
                this,
                rx,
                ctx,
                title,
                List.copyOf(offending),
                1,
                worst,
                Map.of("classes", classes),
                JustifiedWhen.EVERY_LINE));
    }

    private static Optional<String> atcClass(RuleContext ctx, String itemCode, int length) {
        return ctx.reference()
                .drug(itemCode)
                .map(Drug::atcCode)
                .filter(atc -> atc.length() >= length)
                .map(atc -> atc.substring(0, length));
    }

    private static Map<String, Object> other(OtherOrder o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("prescription", o.prescriptionKey());
        m.put("placerOrderNo", o.placerOrderNo());
        m.put("itemCode", o.itemCode());
        m.put("itemName", o.itemName());
        m.put("orderedAt", o.orderedAt() == null ? null : o.orderedAt().toString());
        m.put("daysSupply", o.daysSupply());
        return m;
    }
}
