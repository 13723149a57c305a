package org.qingfeng.monitors.pattern;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.qingfeng.config.RuleSettings;
import org.qingfeng.config.Severity;
import org.qingfeng.config.reference.Drug;
import org.qingfeng.config.reference.VbpStatus;
import org.qingfeng.monitors.ReferenceData;
import org.qingfeng.monitors.finding.Finding;
import org.qingfeng.monitors.finding.Inbox;
import org.qingfeng.monitors.finding.Subject;
import org.qingfeng.monitors.finding.SubjectType;

/**
 * PAT_VBP_SHARE (集采, A-26): among the prescriptions for generics that have a volume-based-procurement selected
 * product, a prescriber's share going to selected products is ≥ 30 points below the department's share.
 */
public final class VbpShareMonitor {
    public static final String CODE = "PAT_VBP_SHARE";
    static final int GAP_POINTS = 30;
    static final int MIN_PRESCRIPTIONS = 20;

    private final ReferenceData reference;

    public VbpShareMonitor(ReferenceData reference) {
        this.reference = reference;
    }

    public List<Finding> evaluate(String period, List<ItemUsage> usage, RuleSettings settings) {
        if (!PatternFindings.enabled(settings)) {
            return List.of();
        }
        int gap = PatternFindings.or(settings.getGapPoints(), GAP_POINTS);
        int minPrescriptions = PatternFindings.or(settings.getMinPrescriptions(), MIN_PRESCRIPTIONS);
        Map<String, Share> departments = new HashMap<>();
        Map<String, Share> prescribers = new HashMap<>();
        Map<String, Optional<Boolean>> selectedByItem = new HashMap<>();
        for (ItemUsage u : usage) {
            Optional<Boolean> selected = selectedByItem.computeIfAbsent(u.itemCode(), this::selected);
            if (selected.isEmpty()) {
                continue;
            }
            departments.computeIfAbsent(u.departmentCode(), k -> new Share()).add(u, selected.get());
            prescribers
                    .computeIfAbsent(u.departmentCode() + "\u0000" + u.prescriberId(), k -> new Share())
                    .add(u, selected.get());
        }
        List<Finding> findings = new ArrayList<>();
        for (var e : prescribers.entrySet()) {
            String[] key = e.getKey().split("\u0000");
            Share own = e.getValue();
            Share department = departments.get(key[0]);
            if (own.total < minPrescriptions || department.total <= own.total) {
                continue;
            }
            double ownShare = own.share();
            double departmentShare = department.share();
            if (departmentShare - ownShare >= gap) {
                String name = PatternFindings.staffName(reference, key[1]);
                var ev = PatternFindings.evidence(period, null, null);
                ev.put("department", key[0]);
                ev.put("measure", "share of prescriptions for VBP generics going to selected products (%)");
                ev.put("value", PatternFindings.round(ownShare, 1));
                ev.put("departmentShare", PatternFindings.round(departmentShare, 1));
                ev.put("gapPoints", PatternFindings.round(departmentShare - ownShare, 1));
                ev.put("thresholdPoints", gap);
                ev.put("prescriptions", own.total);
                ev.put("selectedPrescriptions", own.selected);
                findings.add(new Finding(
                        CODE,
                        PatternFindings.severity(settings, Severity.LOW),
                        Inbox.DISCIPLINE,
                        new Subject(SubjectType.STAFF, key[1], name),
                        key[0],
                        "PAT:" + period,
                        name + " 集采中选药品使用比例 " + PatternFindings.round(ownShare, 0) + "%，科室 "
                                + PatternFindings.round(departmentShare, 0) + "% / low VBP share",
                        false,
                        ev));
            }
        }
        findings.sort(Comparator.comparing(Finding::dedupeKey));
        return findings;
    }

    /** Whether the item is the selected product of a VBP generic; empty when its generic has no selected product. */
    private Optional<Boolean> selected(String itemCode) {
        Optional<Drug> drug = reference.drug(itemCode);
        if (drug.isEmpty() || drug.get().genericName() == null) {
            return Optional.empty();
        }
        if (drug.get().vbpStatus() == VbpStatus.SELECTED) {
            return Optional.of(true);
        }
        boolean generic = reference.drugsWithGeneric(drug.get().genericName()).stream()
                .anyMatch(d -> d.vbpStatus() == VbpStatus.SELECTED);
        return generic ? Optional.of(false) : Optional.empty();
    }

    private static final class Share {
        long total;
        long selected;

        void add(ItemUsage u, boolean isSelected) {
            total += u.prescriptions();
            selected += isSelected ? u.prescriptions() : 0;
        }

        double share() {
            return total == 0 ? 0 : 100.0 * selected / total;
        }
    }
}
