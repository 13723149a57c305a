package org.qingfeng.monitors.pattern;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qingfeng.config.RuleSettings;
import org.qingfeng.config.Severity;
import org.qingfeng.config.reference.Drug;
import org.qingfeng.monitors.ReferenceData;
import org.qingfeng.monitors.finding.Finding;
import org.qingfeng.monitors.finding.Inbox;
import org.qingfeng.monitors.finding.Subject;
import org.qingfeng.monitors.finding.SubjectType;

/**
 * PAT_TOP_RANK_PERSISTENT: a drug or high-value consumable in its 双十 ranking (top 10 by amount) for 3
 * consecutive months, 6 for antibiotics (抗菌药物管理办法), ending with the evaluated month.
 */
public final class TopRankPersistentMonitor {
    public static final String CODE = "PAT_TOP_RANK_PERSISTENT";
    static final int PERIODS = 3;
    static final int ANTIBIOTIC_PERIODS = 6;

    private final ReferenceData reference;
    private final DoubleTenRanking ranking;

    public TopRankPersistentMonitor(ReferenceData reference) {
        this.reference = reference;
        this.ranking = new DoubleTenRanking(reference);
    }

    /** How many months of use {@link #evaluate} needs, with these settings. */
    public static int monthsNeeded(RuleSettings settings) {
        return Math.max(
                PatternFindings.or(settings.getPeriods(), PERIODS),
                PatternFindings.or(settings.getAntibioticPeriods(), ANTIBIOTIC_PERIODS));
    }

    /**
     * @param months month labels, oldest first, the evaluated month last
     * @param usage each month's use (item totals suffice), in the same order
     */
    public List<Finding> evaluate(List<String> months, List<List<ItemUsage>> usage, RuleSettings settings) {
        if (!PatternFindings.enabled(settings) || months.isEmpty()) {
            return List.of();
        }
        int topN = PatternFindings.or(settings.getTopN(), DoubleTenRanking.TOP_N);
        int periods = PatternFindings.or(settings.getPeriods(), PERIODS);
        int antibioticPeriods = PatternFindings.or(settings.getAntibioticPeriods(), ANTIBIOTIC_PERIODS);
        // rank of each item in its category, per month (absent: not in the top N)
        List<Map<String, Integer>> ranks = new ArrayList<>();
        List<Map<String, Double>> amounts = new ArrayList<>();
        for (List<ItemUsage> month : usage) {
            Map<String, Integer> r = new HashMap<>();
            for (DoubleTenRanking.Category c : DoubleTenRanking.Category.values()) {
                List<String> order = ranking.order(month, c);
                for (int i = 0; i < Math.min(topN, order.size()); i++) {
                    r.put(order.get(i), i + 1);
                }
            }
            ranks.add(r);
            Map<String, Double> a = new HashMap<>();
            month.forEach(u -> a.merge(u.itemCode(), u.amount(), Double::sum));
            amounts.add(a);
        }
        int last = months.size() - 1;
        List<Finding> findings = new ArrayList<>();
        for (String item : ranks.get(last).keySet().stream().sorted().toList()) {
            boolean antibiotic = reference.drug(item).map(Drug::antibioticTier).isPresent();
            int needed = antibiotic ? antibioticPeriods : periods;
            if (needed > months.size()) {
                continue;
            }
            boolean persistent = true;
            Map<String, Object> history = new LinkedHashMap<>();
            for (int m = months.size() - needed; m <= last; m++) {
                Integer rank = ranks.get(m).get(item);
                persistent &= rank != null;
                history.put(
                        months.get(m),
                        Map.of(
                                "rank",
                                rank == null ? "-" : rank,
                                "amount",
                                PatternFindings.round(amounts.get(m).getOrDefault(item, 0.0), 2)));
            }
            if (persistent) {
                String name = PatternFindings.itemName(reference, item);
                var e = PatternFindings.evidence(months.get(last), item, name);
                e.put(
                        "category",
                        DoubleTenRanking.Category.of(reference.drug(item).orElse(null))
                                .name());
                e.put("antibiotic", antibiotic);
                e.put("topN", topN);
                e.put("consecutiveMonths", needed);
                e.put("rank", ranks.get(last).get(item));
                e.put("history", history);
                findings.add(new Finding(
                        CODE,
                        PatternFindings.severity(settings, Severity.MEDIUM),
                        Inbox.DISCIPLINE,
                        new Subject(SubjectType.ITEM, item, name),
                        null,
                        "PAT:" + months.get(last) + ":" + item,
                        name + " 连续 " + needed + " 个月进入前 " + topN + " 名 / persistently top-ranked",
                        false,
                        e));
            }
        }
        return findings;
    }
}
