package org.qingfeng.monitors.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.qingfeng.config.Severity;
import org.qingfeng.config.reference.Drug;
import org.qingfeng.monitors.event.Prescription;
import org.qingfeng.monitors.event.PrescriptionLine;
import org.qingfeng.monitors.finding.Finding;
import org.qingfeng.monitors.finding.Inbox;
import org.qingfeng.monitors.rules.PrescriptionEvidence.JustifiedWhen;

/**
 * RX_NO_INDICATION (无适应证用药; 重点监控药品): a key-monitored drug (the catalog's {@code key_monitored}, which also
 * covers auxiliary drugs, 辅助用药) ordered without an indication or with one matching none of its catalog indication
 * prefixes (ICD-10). Other drugs, and key-monitored ones without a prefix list, are not checked: a catalog lists
 * indications for many drugs, and checking all of them would bury the pharmacy in warnings.
 */
public final class NoIndicationRule implements PrescriptionRule {
    public static final String CODE = "RX_NO_INDICATION";

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
        List<PrescriptionLine> offending = new ArrayList<>();
        List<Map<String, Object>> details = new ArrayList<>();
        for (PrescriptionLine l : rx.activeLines()) {
            Optional<Drug> drug = ctx.reference().drug(l.itemCode());
            if (drug.isEmpty()
                    || !drug.get().keyMonitored()
                    || drug.get().indicationPrefixes().isEmpty()) {
                continue;
            }
            if (!matches(l.indication(), drug.get().indicationPrefixes())) {
                offending.add(l);
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("itemCode", l.itemCode());
                d.put("indication", l.indication());
                d.put("expectedPrefixes", drug.get().indicationPrefixes());
                d.put("keyMonitored", drug.get().keyMonitored());
                details.add(d);
            }
        }
        if (offending.isEmpty()) {
            return Optional.empty();
        }
        PrescriptionLine first = offending.get(0);
        String title = first.itemName() + " 无匹配适应证（诊断 " + (first.indication() == null ? "缺失" : first.indication())
                + "） / no matching indication";
        return Optional.of(PrescriptionEvidence.finding(
                this,
                rx,
                ctx,
                title,
                offending,
                details.get(0).get("expectedPrefixes"),
                first.indication(),
                Map.of("mismatches", details),
                JustifiedWhen.EVERY_LINE));
    }

    /** ICD-10 codes are compared without dots, spaces or case: "J18.9" matches prefix "J18". */
    static boolean matches(String indication, List<String> prefixes) {
        if (indication == null || indication.isBlank()) {
            return false;
        }
        String code = normalize(indication);
        return prefixes.stream().map(NoIndicationRule::normalize).anyMatch(p -> !p.isEmpty() && code.startsWith(p));
    }

    private static String normalize(String icd) {
        return icd.replaceAll("[.\\s]", "").toUpperCase(Locale.ROOT);
    }
}
