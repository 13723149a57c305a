package org.qingfeng.monitors.rules;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.qingfeng.config.Severity;
import org.qingfeng.config.reference.Enterprise;
import org.qingfeng.monitors.event.Prescription;
import org.qingfeng.monitors.event.PrescriptionLine;
import org.qingfeng.monitors.finding.Finding;
import org.qingfeng.monitors.finding.Inbox;
import org.qingfeng.monitors.rules.PrescriptionEvidence.JustifiedWhen;

/**
 * RX_BLACKLISTED_SUPPLIER (医药购销领域商业贿赂不良记录): a product of an enterprise that was on the bad-record list on the
 * day of the order. Goes to the discipline office: the question is the purchase, not the prescriber's judgement.
 */
public final class BlacklistedSupplierRule implements PrescriptionRule {
    public static final String CODE = "RX_BLACKLISTED_SUPPLIER";
    /** Orders are dated in China's single time zone. */
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    @Override
    public String code() {
        return CODE;
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.HIGH;
    }

    @Override
    public Inbox inbox() {
        return Inbox.DISCIPLINE;
    }

    @Override
    public Optional<Finding> evaluate(Prescription rx, RuleContext ctx) {
        LocalDate day = rx.orderedAt() == null ? null : LocalDate.ofInstant(rx.orderedAt(), CHINA);
        List<PrescriptionLine> offending = new ArrayList<>();
        List<Map<String, Object>> enterprises = new ArrayList<>();
        for (PrescriptionLine l : rx.activeLines()) {
            Optional<Enterprise> e = ctx.reference()
                    .drug(l.itemCode())
                    .flatMap(d -> ctx.reference().enterprise(d.enterpriseCode()))
                    .filter(x -> x.blacklistedOn(day));
            if (e.isPresent()) {
                offending.add(l);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("itemCode", l.itemCode());
                m.put("enterpriseCode", e.get().code());
                m.put("enterpriseName", e.get().name());
                m.put(
                        "blacklistedSince",
                        e.get().blacklistedSince() == null
                                ? null
                                : e.get().blacklistedSince().toString());
                m.put("reason", e.get().reason());
                enterprises.add(m);
            }
        }
        if (offending.isEmpty()) {
            return Optional.empty();
        }
        Object name = enterprises.get(0).get("enterpriseName");
        String title =
                "使用不良记录企业产品：" + name + "（" + offending.get(0).itemName() + "） / product of a blacklisted enterprise";
        return Optional.of(PrescriptionEvidence.finding(
                this,
                rx,
                ctx,
                title,
                offending,
                "NOT_BLACKLISTED",
                enterprises.get(0).get("enterpriseCode"),
                Map.of("enterprises", enterprises),
                JustifiedWhen.EVERY_LINE));
    }
}
