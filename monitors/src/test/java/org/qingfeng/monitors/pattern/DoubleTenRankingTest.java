package org.qingfeng.monitors.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DoubleTenRankingTest {

    private final DoubleTenRanking ranking = new DoubleTenRanking(GeneratedUsage.reference(List.of(
            GeneratedUsage.drug("STENT", "冠脉支架", null, null, null, true),
            GeneratedUsage.drug("VALVE", "人工瓣膜", null, null, null, true))));

    @Test
    void ranksDrugsAndConsumablesSeparatelyWithTheirTopPrescribers() {
        List<ItemUsage> usage = new ArrayList<>();
        // drugs X01..X12: X(i) used for 100 × i yuan by D01, and 10 × i by D02
        for (int i = 1; i <= 12; i++) {
            usage.add(new ItemUsage("D01", "CARD", GeneratedUsage.item(i), 100.0 * i, i, 1, 1));
            usage.add(new ItemUsage("D02", "CARD", GeneratedUsage.item(i), 10.0 * i, i, 1, 1));
        }
        usage.add(new ItemUsage("D03", "CARD", "STENT", 30_000, 3, 3, 3));
        usage.add(new ItemUsage("D01", "CARD", "STENT", 10_000, 1, 1, 1));
        usage.add(new ItemUsage("D02", "CARD", "VALVE", 20_000, 1, 1, 1));

        DoubleTenRanking.Report report = ranking.rank("2026-03", usage, 10);

        // hand-computed: drug total = 110 × (1 + … + 12) = 8580; X12 = 1320 (15.4 %), D01 1200 (90.9 %)
        assertThat(report.drugTotal()).isEqualByComparingTo("8580");
        assertThat(report.drugs()).hasSize(10);
        assertThat(report.drugs())
                .extracting(DoubleTenRanking.RankedItem::itemCode)
                .containsExactly("X12", "X11", "X10", "X09", "X08", "X07", "X06", "X05", "X04", "X03");
        DoubleTenRanking.RankedItem top = report.drugs().get(0);
        assertThat(top.amount()).isEqualByComparingTo("1320");
        assertThat(top.sharePercent()).isEqualByComparingTo("15.4");
        assertThat(top.prescribers())
                .extracting(DoubleTenRanking.RankedPrescriber::prescriberId)
                .containsExactly("D01", "D02");
        assertThat(top.prescribers().get(0).sharePercent()).isEqualByComparingTo("90.9");
        assertThat(top.prescribers().get(1).amount()).isEqualByComparingTo(new BigDecimal("120"));

        assertThat(report.consumableTotal()).isEqualByComparingTo("60000");
        assertThat(report.consumables())
                .extracting(DoubleTenRanking.RankedItem::itemCode)
                .containsExactly("STENT", "VALVE");
        assertThat(report.consumables().get(0).itemName()).isEqualTo("冠脉支架");
        assertThat(report.consumables().get(0).sharePercent()).isEqualByComparingTo("66.7");
        assertThat(report.consumables().get(0).prescribers())
                .extracting(
                        DoubleTenRanking.RankedPrescriber::prescriberId,
                        p -> p.sharePercent().toPlainString())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("D03", "75.0"),
                        org.assertj.core.groups.Tuple.tuple("D01", "25.0"));
    }

    @Test
    void tiesAreBrokenByCodeSoTheTableIsStable() {
        List<ItemUsage> usage = List.of(
                new ItemUsage("D02", "CARD", "X02", 500, 1, 1, 1), new ItemUsage("D01", "CARD", "X01", 500, 1, 1, 1));

        assertThat(ranking.rank("2026-03", usage, 10).drugs())
                .extracting(DoubleTenRanking.RankedItem::itemCode)
                .containsExactly("X01", "X02");
    }
}
