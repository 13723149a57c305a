package org.qingfeng.monitors.pattern;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.qingfeng.config.RuleSettings;
import org.qingfeng.config.Severity;
import org.qingfeng.monitors.ReferenceData;
import org.qingfeng.monitors.finding.Finding;
import org.qingfeng.monitors.finding.Inbox;
import org.qingfeng.monitors.finding.Subject;
import org.qingfeng.monitors.finding.SubjectType;

/**
 * PAT_USAGE_SURGE (异常增加, A-11): an item's use in the current period up by ≥ 50 % over the mean of the previous 3
 * periods, at hospital, department and prescriber level, above a minimum volume in the current period. The number of
 * prescriptions must also have risen beyond chance: (n − mean) / √mean ≥ 5 (a Poisson z; {@code min-z}; so strict because a hospital checks some
 * 100,000 prescriber-item series a day), since a
 * handful of prescriptions of an expensive item moves the amount by 50 % all the time. Items with no use in the
 * baseline are not surges (a new item is not an increase).
 */
public final class UsageSurgeMonitor {
    public static final String CODE = "PAT_USAGE_SURGE";
    static final int INCREASE_PERCENT = 50;
    static final double MIN_AMOUNT = 2000;
    static final int MIN_PRESCRIPTIONS = 10;
    /** About 100,000 prescriber × item series are checked a day: at z ≥ 3, some hundred would pass by chance. */
    static final double MIN_Z = 5.0;

    /** Where a surge is looked for. */
    public enum Level {
        HOSPITAL,
        DEPARTMENT,
        PRESCRIBER
    }

    private final ReferenceData reference;

    public UsageSurgeMonitor(ReferenceData reference) {
        this.reference = reference;
    }

    /**
     * @param period label of the current period (e.g. 2026-03-01..2026-03-07)
     * @param scopeKey what makes one alert per item and level (e.g. the ISO week of the period's end)
     * @param current use in the current period
     * @param baseline use in each previous period, most recent first
     */
    public List<Finding> evaluate(
            String period,
            String scopeKey,
            List<ItemUsage> current,
            List<List<ItemUsage>> baseline,
            RuleSettings settings) {
        if (!PatternFindings.enabled(settings) || baseline.isEmpty()) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        for (Level level : Level.values()) {
            Function<ItemUsage, String> key = switch (level) {
                case HOSPITAL -> u -> u.itemCode();
                case DEPARTMENT -> u -> u.departmentCode() + "\u0000" + u.itemCode();
                case PRESCRIBER -> u -> u.prescriberId() + "\u0000" + u.itemCode();
            };
            Map<String, Sum> now = sum(current, key);
            List<Map<String, Sum>> before =
                    baseline.stream().map(w -> sum(w, key)).toList();
            for (var e : now.entrySet()) {
                check(period, scopeKey, level, e.getKey(), e.getValue(), before, settings)
                        .ifPresent(findings::add);
            }
        }
        findings.sort(Comparator.comparing(Finding::dedupeKey));
        return findings;
    }

    private java.util.Optional<Finding> check(
            String period,
            String scopeKey,
            Level level,
            String key,
            Sum now,
            List<Map<String, Sum>> before,
            RuleSettings settings) {
        double minAmount = PatternFindings.or(settings.getMinAmount(), MIN_AMOUNT);
        int minPrescriptions = PatternFindings.or(settings.getMinPrescriptions(), MIN_PRESCRIPTIONS);
        int increase = PatternFindings.or(settings.getIncreasePercent(), INCREASE_PERCENT);
        if (now.amount < minAmount || now.prescriptions < minPrescriptions) {
            return java.util.Optional.empty();
        }
        List<Double> previous = new ArrayList<>();
        double total = 0;
        double prescriptions = 0;
        for (Map<String, Sum> window : before) {
            Sum s = window.get(key);
            double amount = s == null ? 0 : s.amount;
            previous.add(amount);
            total += amount;
            prescriptions += s == null ? 0 : s.prescriptions;
        }
        double mean = total / before.size();
        double meanPrescriptions = prescriptions / before.size();
        if (mean <= 0 || meanPrescriptions <= 0 || now.amount < mean * (1 + increase / 100.0)) {
            return java.util.Optional.empty();
        }
        double z = (now.prescriptions - meanPrescriptions) / Math.sqrt(meanPrescriptions);
        if (z < PatternFindings.or(settings.getMinZ(), MIN_Z)) {
            return java.util.Optional.empty();
        }
        String[] parts = key.split("\u0000");
        String item = parts[parts.length - 1];
        String itemName = PatternFindings.itemName(reference, item);
        Subject subject = switch (level) {
            case HOSPITAL -> new Subject(SubjectType.ITEM, item, itemName);
            case DEPARTMENT -> new Subject(SubjectType.DEPARTMENT, parts[0], parts[0]);
            case PRESCRIBER -> new Subject(SubjectType.STAFF, parts[0], PatternFindings.staffName(reference, parts[0]));
        };
        var e = PatternFindings.evidence(period, item, itemName);
        e.put("level", level.name());
        e.put("amount", PatternFindings.round(now.amount, 2));
        e.put("prescriptions", now.prescriptions);
        e.put("baselineMean", PatternFindings.round(mean, 2));
        e.put(
                "baselinePeriods",
                previous.stream().map(v -> PatternFindings.round(v, 2)).toList());
        e.put("increasePercent", PatternFindings.round(100 * (now.amount - mean) / mean, 1));
        e.put("thresholdPercent", increase);
        e.put("baselinePrescriptions", PatternFindings.round(meanPrescriptions, 1));
        e.put("prescriptionsZ", PatternFindings.round(z, 2));
        String who = level == Level.HOSPITAL ? "全院" : subject.name();
        return java.util.Optional.of(new Finding(
                CODE,
                PatternFindings.severity(settings, Severity.MEDIUM),
                Inbox.DISCIPLINE,
                subject,
                level == Level.PRESCRIBER ? now.department : level == Level.DEPARTMENT ? parts[0] : null,
                "PAT:" + level + ":" + scopeKey + ":" + item,
                who + " " + itemName + " 用量较前 " + before.size() + " 期均值上升 "
                        + PatternFindings.round(100 * (now.amount - mean) / mean, 0) + "% / usage surge",
                false,
                e));
    }

    private static Map<String, Sum> sum(List<ItemUsage> usage, Function<ItemUsage, String> key) {
        Map<String, Sum> sums = new HashMap<>();
        for (ItemUsage u : usage) {
            Sum s = sums.computeIfAbsent(key.apply(u), k -> new Sum());
            s.amount += u.amount();
            s.prescriptions += u.prescriptions();
            s.department = s.department == null ? u.departmentCode() : s.department;
        }
        return sums;
    }

    private static final class Sum {
        double amount;
        long prescriptions;
        String department;
    }
}
