package org.qingfeng.monitors.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.qingfeng.config.RuleSettings;
import org.qingfeng.monitors.finding.Finding;

class UsageSurgeMonitorTest {

    private final UsageSurgeMonitor monitor = new UsageSurgeMonitor(GeneratedUsage.reference(List.of()));

    @Property(tries = 50)
    void aPrescriberWhoseUseDoublesIsTheOnlySurge(
            @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 12) int who,
            @ForAll @IntRange(min = 1, max = 20) int what) {
        GeneratedUsage dept = new GeneratedUsage(seed);
        List<List<ItemUsage>> baseline = List.of(dept.period(), dept.period(), dept.period());
        List<ItemUsage> current =
                GeneratedUsage.inject(dept.period(), GeneratedUsage.prescriber(who), GeneratedUsage.item(what), 2.0);

        List<Finding> findings =
                monitor.evaluate("2026-03-01..2026-03-07", "2026-W10", current, baseline, new RuleSettings());

        assertThat(findings).hasSize(1);
        Finding f = findings.get(0);
        assertThat(f.subject().id()).isEqualTo(GeneratedUsage.prescriber(who));
        assertThat(f.evidence())
                .containsEntry("level", "PRESCRIBER")
                .containsEntry("itemCode", GeneratedUsage.item(what));
        assertThat((List<?>) f.evidence().get("baselinePeriods")).hasSize(3);
        assertThat(((java.math.BigDecimal) f.evidence().get("increasePercent")).doubleValue())
                .isBetween(60.0, 150.0);
    }

    @Property(tries = 50)
    void theSamePeriodsWithoutTheInjectionHaveNoSurge(@ForAll long seed) {
        GeneratedUsage dept = new GeneratedUsage(seed);
        List<List<ItemUsage>> baseline = List.of(dept.period(), dept.period(), dept.period());

        assertThat(monitor.evaluate("p", "w", dept.period(), baseline, new RuleSettings()))
                .isEmpty();
    }

    @Test
    void aWholeDepartmentSurgingIsReportedAtEveryLevel() {
        GeneratedUsage dept = new GeneratedUsage(3);
        List<List<ItemUsage>> baseline = List.of(dept.period(), dept.period(), dept.period());
        List<ItemUsage> current = dept.period();
        for (int p = 1; p <= GeneratedUsage.PRESCRIBERS; p++) {
            current = GeneratedUsage.inject(current, GeneratedUsage.prescriber(p), "X07", 2.0);
        }

        List<Finding> findings = monitor.evaluate("p", "w", current, baseline, new RuleSettings());

        assertThat(findings)
                .extracting(f -> f.evidence().get("level"))
                .containsOnly("HOSPITAL", "DEPARTMENT", "PRESCRIBER");
        assertThat(findings).hasSize(1 + 1 + GeneratedUsage.PRESCRIBERS);
        assertThat(findings).allMatch(f -> "X07".equals(f.evidence().get("itemCode")));
    }

    @Test
    void aNewItemOrASmallOneIsNoSurge() {
        List<ItemUsage> current = List.of(new ItemUsage("D01", "CARD", "NEW", 50_000, 5_000, 100, 100));
        List<ItemUsage> small = List.of(new ItemUsage("D01", "CARD", "X01", 1_000, 100, 100, 100));
        List<ItemUsage> smallBefore = List.of(new ItemUsage("D01", "CARD", "X01", 100, 10, 10, 10));

        assertThat(monitor.evaluate("p", "w", current, List.of(List.of(), List.of(), List.of()), new RuleSettings()))
                .isEmpty();
        assertThat(monitor.evaluate(
                        "p", "w", small, List.of(smallBefore, smallBefore, smallBefore), new RuleSettings()))
                .isEmpty();
    }
}
