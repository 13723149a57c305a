package org.qingfeng.monitors.review;

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
import org.qingfeng.monitors.finding.Finding;
import org.qingfeng.monitors.finding.Inbox;
import org.qingfeng.monitors.finding.Subject;

/**
 * RX_REPEATED_IRRATIONAL (处方管理办法 §46): a prescriber with 3 prescriptions the pharmacy confirmed as irrational
 * (超常, without a justification it accepted) is to be warned and restricted; after a restriction, 2 more lead to
 * revocation. Counts distinct prescriptions reviewed since the prescriber's privilege state last changed, so each
 * stage raises one alert.
 */
public final class RepeatedIrrationalRule {
    public static final String CODE = "RX_REPEATED_IRRATIONAL";
    static final int COUNT = 3;
    static final int COUNT_AFTER_RESTRICTION = 2;
    static final List<String> CATEGORIES = List.of(ReviewCategory.EXCESSIVE.name());

    /**
     * @param since when the current privilege state began (null: never changed)
     * @param confirmed the prescriber's confirmed irrational prescriptions reviewed since then
     */
    public Optional<Finding> evaluate(
            Subject prescriber,
            String department,
            PrivilegeState state,
            Instant since,
            List<ConfirmedIrrational> confirmed,
            RuleSettings settings) {
        if (state == PrivilegeState.REVOKED || Boolean.FALSE.equals(settings.getEnabled())) {
            return Optional.empty();
        }
        List<String> counted =
                settings.getCategories() == null || settings.getCategories().isEmpty()
                        ? CATEGORIES
                        : settings.getCategories();
        Set<String> prescriptions = new LinkedHashSet<>();
        List<Map<String, Object>> reviews = new ArrayList<>();
        for (ConfirmedIrrational c : confirmed) {
            if ((since == null || c.reviewedAt().isAfter(since))
                    && counted.contains(c.category().name())
                    && prescriptions.add(c.prescriptionKey())) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("prescription", c.prescriptionKey());
                r.put("category", c.category().name());
                r.put("reviewer", c.reviewer());
                r.put("reviewedAt", c.reviewedAt().toString());
                r.put("source", c.source());
                reviews.add(r);
            }
        }
        boolean restricted = state == PrivilegeState.RESTRICTED;
        int limit = restricted
                ? orDefault(settings.getCountAfterRestriction(), COUNT_AFTER_RESTRICTION)
                : orDefault(settings.getCount(), COUNT);
        if (prescriptions.size() < limit) {
            return Optional.empty();
        }
        String recommendation = restricted ? "REVOKE" : "WARN_AND_RESTRICT";
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("privilegeState", state.name());
        evidence.put("stateSince", since == null ? null : since.toString());
        evidence.put("limit", limit);
        evidence.put("actual", prescriptions.size());
        evidence.put("countedCategories", counted);
        evidence.put("recommendation", recommendation);
        evidence.put("reviews", reviews);
        String title = restricted
                ? "限制处方权后又出现 " + prescriptions.size() + " 张不合理处方，建议取消处方权 / repeated irrational prescribing: revoke"
                : "累计 " + prescriptions.size()
                        + " 张不合理处方且无正当理由，建议警告并限制处方权 / repeated irrational prescribing: warn and restrict";
        return Optional.of(new Finding(
                CODE,
                settings.getSeverity() != null ? settings.getSeverity() : Severity.HIGH,
                Inbox.DISCIPLINE,
                prescriber,
                department,
                "PRIVILEGE:" + state.name() + ":" + (since == null ? "initial" : since.toString()),
                title,
                false,
                evidence));
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
