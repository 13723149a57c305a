package org.qingfeng.monitors.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.qingfeng.config.Severity;
import org.qingfeng.config.reference.Drug;
import org.qingfeng.config.reference.VbpStatus;
import org.qingfeng.monitors.event.Prescription;
import org.qingfeng.monitors.event.PrescriptionLine;
import org.qingfeng.monitors.finding.Finding;
import org.qingfeng.monitors.finding.Inbox;
import org.qingfeng.monitors.rules.PrescriptionEvidence.JustifiedWhen;

/**
 * RX_NON_VBP_CHOICE (国家组织药品集中采购): a non-selected product ordered where the catalog holds a selected product of
 * the same generic name. Information for the pharmacy per order; the monthly share is PAT_VBP_SHARE.
 */
public final class NonVbpChoiceRule implements PrescriptionRule {
    public static final String CODE = "RX_NON_VBP_CHOICE";

    @Override
    public String code() {
        return CODE;
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.LOW;
    }

    @Override
    public Inbox inbox() {
        return Inbox.PHARMACY;
    }

    @Override
    public Optional<Finding> evaluate(Prescription rx, RuleContext ctx) {
        List<PrescriptionLine> offending = new ArrayList<>();
        List<Map<String, Object>> choices = new ArrayList<>();
        for (PrescriptionLine l : rx.activeLines()) {
            Optional<Drug> drug = ctx.reference().drug(l.itemCode());
            if (drug.isEmpty() || drug.get().vbpStatus() != VbpStatus.NON_SELECTED) {
                continue;
            }
            List<Drug> selected = ctx.reference().drugsWithGeneric(drug.get().genericName()).stream()
                    .filter(d -> d.vbpStatus() == VbpStatus.SELECTED)
                    .toList();
            if (selected.isEmpty()) {
                continue;
            }
            offending.add(l);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("itemCode", l.itemCode());
            m.put("genericName", drug.get().genericName());
            m.put("unitPrice", drug.get().unitPrice());
            m.put(
                    "selectedAlternatives",
                    selected.stream()
                            .map(d -> Map.of("code", d.code(), "name", d.name(), "unitPrice", d.unitPrice()))
                            .toList());
            choices.add(m);
        }
        if (offending.isEmpty()) {
            return Optional.empty();
        }
        String title =
                "未选用集采中选药品：" + offending.get(0).itemName() + " / non-selected product where a VBP product exists";
        return Optional.of(PrescriptionEvidence.finding(
                this,
                rx,
                ctx,
                title,
                offending,
                "VBP_SELECTED",
                "NON_SELECTED",
                Map.of("choices", choices),
                JustifiedWhen.EVERY_LINE));
    }
}
