package org.qingfeng.monitors.pattern;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.qingfeng.config.RuleSettings;
import org.qingfeng.config.Severity;
import org.qingfeng.monitors.ReferenceData;
import org.qingfeng.monitors.finding.Finding;
import org.qingfeng.monitors.finding.Inbox;
import org.qingfeng.monitors.finding.Subject;
import org.qingfeng.monitors.finding.SubjectType;

/**
 * PAT_PEER_OUTLIER (同学科横向比较, A-08): a prescriber whose use of an item, in yuan per 100 patient visits, is far
 * above the other prescribers of the same department. For each department and item, every prescriber with enough
 * visits is compared with the others (prescribers who did not use the item count as 0): robust z against the peers'
 * median and MAD ≥ 3.5 and at least twice the peer median (a tight department makes small differences look
 * significant), rank in the department ≤ 3, at least 5 peers of whom 3 use the item, and a minimum volume.
 */
public final class PeerOutlierMonitor {
    public static final String CODE = "PAT_PEER_OUTLIER";
    static final double MIN_Z = 3.5;
    static final double MIN_RATIO = 2.0;
    static final int MAX_RANK = 3;
    static final int MIN_PEERS = 5;
    static final int MIN_PEER_USERS = 3;
    static final int MIN_VISITS = 30;
    static final double MIN_AMOUNT = 1000;
    /**
     * On a generated month of 3 million lines without any planted outlier, 10 prescriptions let 379 chance findings
     * through (skewed small counts of expensive items); 30 left 12.
     */
    static final int MIN_PRESCRIPTIONS = 30;

    private final ReferenceData reference;

    public PeerOutlierMonitor(ReferenceData reference) {
        this.reference = reference;
    }

    public List<Finding> evaluate(
            String period, List<ItemUsage> usage, List<PrescriberVolume> volumes, RuleSettings settings) {
        if (!PatternFindings.enabled(settings)) {
            return List.of();
        }
        double minZ = PatternFindings.or(settings.getMinZ(), MIN_Z);
        double minRatio = PatternFindings.or(settings.getMinRatio(), MIN_RATIO);
        int maxRank = PatternFindings.or(settings.getMaxRank(), MAX_RANK);
        int minPeers = PatternFindings.or(settings.getMinPeers(), MIN_PEERS);
        int minPeerUsers = PatternFindings.or(settings.getMinPeerUsers(), MIN_PEER_USERS);
        int minVisits = PatternFindings.or(settings.getMinVisits(), MIN_VISITS);
        double minAmount = PatternFindings.or(settings.getMinAmount(), MIN_AMOUNT);
        int minPrescriptions = PatternFindings.or(settings.getMinPrescriptions(), MIN_PRESCRIPTIONS);

        // the prescribers of each department with enough visits to be compared
        Map<String, Map<String, Long>> visits = new HashMap<>();
        for (PrescriberVolume v : volumes) {
            if (v.visits() >= minVisits) {
                visits.computeIfAbsent(v.departmentCode(), k -> new HashMap<>())
                        .merge(v.prescriberId(), v.visits(), Long::sum);
            }
        }
        Map<String, Map<String, List<ItemUsage>>> byDepartmentItem = new HashMap<>();
        for (ItemUsage u : usage) {
            Map<String, Long> department = visits.get(u.departmentCode());
            if (department != null && department.containsKey(u.prescriberId())) {
                byDepartmentItem
                        .computeIfAbsent(u.departmentCode(), k -> new HashMap<>())
                        .computeIfAbsent(u.itemCode(), k -> new ArrayList<>())
                        .add(u);
            }
        }
        List<Finding> findings = new ArrayList<>();
        for (var department : byDepartmentItem.entrySet()) {
            Map<String, Long> prescribers = visits.get(department.getKey());
            if (prescribers.size() < minPeers + 1) {
                continue;
            }
            for (var item : department.getValue().entrySet()) {
                compare(
                        period,
                        department.getKey(),
                        item.getKey(),
                        item.getValue(),
                        prescribers,
                        settings,
                        findings,
                        new Limits(minZ, minRatio, maxRank, minPeers, minPeerUsers, minAmount, minPrescriptions));
            }
        }
        findings.sort(Comparator.comparing(Finding::dedupeKey));
        return findings;
    }

    private record Limits(
            double minZ,
            double minRatio,
            int maxRank,
            int minPeers,
            int minPeerUsers,
            double minAmount,
            int minPrescriptions) {}

    private void compare(
            String period,
            String department,
            String item,
            List<ItemUsage> users,
            Map<String, Long> prescribers,
            RuleSettings settings,
            List<Finding> findings,
            Limits limits) {
        if (users.size() < limits.minPeerUsers() + 1) {
            return; // fewer peers use the item than a comparison needs
        }
        Map<String, ItemUsage> byPrescriber = new HashMap<>();
        for (ItemUsage u : users) {
            byPrescriber.put(u.prescriberId(), u);
        }
        List<String> ids = prescribers.keySet().stream().sorted().toList();
        double[] values = new double[ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            ItemUsage u = byPrescriber.get(ids.get(i));
            values[i] = u == null ? 0 : 100 * u.amount() / prescribers.get(ids.get(i));
        }
        for (int i = 0; i < ids.size(); i++) {
            ItemUsage own = byPrescriber.get(ids.get(i));
            if (own == null || own.amount() < limits.minAmount() || own.prescriptions() < limits.minPrescriptions()) {
                continue;
            }
            double[] peers = new double[values.length - 1];
            int peerUsers = 0;
            for (int j = 0, k = 0; j < values.length; j++) {
                if (j != i) {
                    peers[k++] = values[j];
                    peerUsers += values[j] > 0 ? 1 : 0;
                }
            }
            if (peerUsers < limits.minPeerUsers()) {
                continue;
            }
            RobustStats.Spread spread = RobustStats.spread(peers);
            double z = spread.z(values[i]);
            int rank = 1;
            for (int j = 0; j < values.length; j++) {
                if (values[j] > values[i] || (values[j] == values[i] && j < i)) {
                    rank++;
                }
            }
            if (z >= limits.minZ() && values[i] >= limits.minRatio() * spread.median() && rank <= limits.maxRank()) {
                findings.add(finding(
                        period,
                        department,
                        item,
                        own,
                        prescribers.get(ids.get(i)),
                        values[i],
                        spread,
                        z,
                        rank,
                        peers,
                        settings));
            }
        }
    }

    private Finding finding(
            String period,
            String department,
            String item,
            ItemUsage own,
            long visits,
            double value,
            RobustStats.Spread spread,
            double z,
            int rank,
            double[] peers,
            RuleSettings settings) {
        String itemName = PatternFindings.itemName(reference, item);
        var e = PatternFindings.evidence(period, item, itemName);
        e.put("department", department);
        e.put("measure", "amount per 100 patient visits (yuan)");
        e.put("value", PatternFindings.round(value, 2));
        e.put("peerMedian", PatternFindings.round(spread.median(), 2));
        e.put("peerMad", PatternFindings.round(spread.mad(), 2));
        e.put("peerScale", PatternFindings.round(spread.scale(), 2));
        e.put("robustZ", PatternFindings.round(z, 2));
        e.put("ratioToMedian", spread.median() > 0 ? PatternFindings.round(value / spread.median(), 2) : null);
        e.put("rank", rank);
        e.put("prescribersCompared", peers.length + 1);
        e.put("amount", PatternFindings.round(own.amount(), 2));
        e.put("quantity", PatternFindings.round(own.quantity(), 2));
        e.put("prescriptions", own.prescriptions());
        e.put("visits", visits);
        // the peers' figures without their names: enough for the chart, no per-prescriber statistics of others
        e.put(
                "peerValues",
                java.util.Arrays.stream(peers)
                        .sorted()
                        .mapToObj(p -> PatternFindings.round(p, 2))
                        .toList());
        String name = PatternFindings.staffName(reference, own.prescriberId());
        return new Finding(
                CODE,
                PatternFindings.severity(settings, Severity.MEDIUM),
                Inbox.DISCIPLINE,
                new Subject(SubjectType.STAFF, own.prescriberId(), name),
                department,
                "PAT:" + period + ":" + item,
                name + " " + itemName + " 用量同科室排名第 " + rank + "，为同行中位数的 "
                        + (spread.median() > 0 ? PatternFindings.round(value / spread.median(), 1) + " 倍" : "多倍")
                        + " / peer outlier",
                false,
                e);
    }
}
