package org.qingfeng.monitors.pattern;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.qingfeng.config.reference.Drug;
import org.qingfeng.monitors.ReferenceData;

/**
 * 双十 (REPORT DOUBLE_TEN): the top N drugs and the top N high-value consumables of a period by amount, and for each
 * the top N prescribers with their share of the item's amount. Ties are broken by item code and prescriber ID, so the
 * same data always gives the same table.
 */
public final class DoubleTenRanking {

    public static final int TOP_N = 10;

    /** Which ranking an item belongs to. */
    public enum Category {
        DRUG,
        CONSUMABLE;

        public static Category of(Drug drug) {
            return drug != null && drug.highValueConsumable() ? CONSUMABLE : DRUG;
        }
    }

    public record RankedPrescriber(
            int rank, String prescriberId, String prescriberName, BigDecimal amount, BigDecimal sharePercent) {}

    public record RankedItem(
            int rank,
            String itemCode,
            String itemName,
            BigDecimal amount,
            BigDecimal quantity,
            long prescriptions,
            BigDecimal sharePercent,
            List<RankedPrescriber> prescribers) {}

    /** The report of one period: both rankings, and the totals their shares are of. */
    public record Report(
            String period,
            int topN,
            BigDecimal drugTotal,
            BigDecimal consumableTotal,
            List<RankedItem> drugs,
            List<RankedItem> consumables) {
        public List<RankedItem> ranking(Category category) {
            return category == Category.DRUG ? drugs : consumables;
        }
    }

    private final ReferenceData reference;

    public DoubleTenRanking(ReferenceData reference) {
        this.reference = reference;
    }

    public Report rank(String period, List<ItemUsage> usage, int topN) {
        Map<String, Totals> items = new HashMap<>();
        for (ItemUsage u : usage) {
            Totals t = items.computeIfAbsent(u.itemCode(), k -> new Totals());
            t.amount += u.amount();
            t.quantity += u.quantity();
            t.prescriptions += u.prescriptions();
            t.byPrescriber.merge(u.prescriberId(), u.amount(), Double::sum);
        }
        Map<Category, Double> totals = new HashMap<>();
        Map<Category, List<Map.Entry<String, Totals>>> byCategory = new HashMap<>();
        for (Map.Entry<String, Totals> e : items.entrySet()) {
            Category c = Category.of(reference.drug(e.getKey()).orElse(null));
            totals.merge(c, e.getValue().amount, Double::sum);
            byCategory.computeIfAbsent(c, k -> new ArrayList<>()).add(e);
        }
        return new Report(
                period,
                topN,
                money(totals.getOrDefault(Category.DRUG, 0.0)),
                money(totals.getOrDefault(Category.CONSUMABLE, 0.0)),
                ranking(byCategory.getOrDefault(Category.DRUG, List.of()), totals.get(Category.DRUG), topN),
                ranking(
                        byCategory.getOrDefault(Category.CONSUMABLE, List.of()),
                        totals.get(Category.CONSUMABLE),
                        topN));
    }

    /** Item codes of one category in rank order, all of them (for persistent-rank checks). */
    public List<String> order(List<ItemUsage> usage, Category category) {
        Map<String, Double> amounts = new HashMap<>();
        for (ItemUsage u : usage) {
            if (Category.of(reference.drug(u.itemCode()).orElse(null)) == category) {
                amounts.merge(u.itemCode(), u.amount(), Double::sum);
            }
        }
        return amounts.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(byAmountThenKey())
                .map(Map.Entry::getKey)
                .toList();
    }

    private List<RankedItem> ranking(List<Map.Entry<String, Totals>> items, Double total, int topN) {
        List<Map.Entry<String, Totals>> sorted = items.stream()
                .filter(e -> e.getValue().amount > 0)
                .sorted(Comparator.<Map.Entry<String, Totals>>comparingDouble(e -> -e.getValue().amount)
                        .thenComparing(Map.Entry::getKey))
                .limit(topN)
                .toList();
        List<RankedItem> ranked = new ArrayList<>();
        for (Map.Entry<String, Totals> e : sorted) {
            Totals t = e.getValue();
            List<Map.Entry<String, Double>> prescribers = t.byPrescriber.entrySet().stream()
                    .filter(p -> p.getValue() > 0)
                    .sorted(byAmountThenKey())
                    .limit(topN)
                    .toList();
            List<RankedPrescriber> top = new ArrayList<>();
            for (Map.Entry<String, Double> p : prescribers) {
                top.add(new RankedPrescriber(
                        top.size() + 1,
                        p.getKey(),
                        PatternFindings.staffName(reference, p.getKey()),
                        money(p.getValue()),
                        percent(p.getValue(), t.amount)));
            }
            ranked.add(new RankedItem(
                    ranked.size() + 1,
                    e.getKey(),
                    PatternFindings.itemName(reference, e.getKey()),
                    money(t.amount),
                    BigDecimal.valueOf(t.quantity).setScale(2, RoundingMode.HALF_UP),
                    t.prescriptions,
                    percent(t.amount, total == null ? 0 : total),
                    List.copyOf(top)));
        }
        return List.copyOf(ranked);
    }

    private static Comparator<Map.Entry<String, Double>> byAmountThenKey() {
        return Comparator.<Map.Entry<String, Double>>comparingDouble(e -> -e.getValue())
                .thenComparing(Map.Entry::getKey);
    }

    static BigDecimal money(double amount) {
        return BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_UP);
    }

    static BigDecimal percent(double part, double whole) {
        return whole <= 0
                ? BigDecimal.ZERO.setScale(1)
                : BigDecimal.valueOf(100 * part / whole).setScale(1, RoundingMode.HALF_UP);
    }

    private static final class Totals {
        double amount;
        double quantity;
        long prescriptions;
        final Map<String, Double> byPrescriber = new HashMap<>();
    }
}
