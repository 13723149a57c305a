package org.qingfeng.monitors.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.qingfeng.config.RuleSettings;
import org.qingfeng.config.reference.AntibioticTier;
import org.qingfeng.monitors.finding.Finding;

class TopRankPersistentMonitorTest {

    private static final List<String> MONTHS = List.of("2026-01", "2026-02", "2026-03");
    private final TopRankPersistentMonitor monitor = new TopRankPersistentMonitor(GeneratedUsage.reference(
            List.of(GeneratedUsage.drug("ABX", "头孢", null, null, AntibioticTier.RESTRICTED, false))));

    /**
     * 30 items whose ranking rotates by 7 places a month, so none stays in the top 10 for 3 months; the injected
     * item is made large in every month.
     */
    private static List<List<ItemUsage>> rotating(String injected, double injectedAmount) {
        List<List<ItemUsage>> months = new ArrayList<>();
        for (int m = 0; m < MONTHS.size(); m++) {
            List<ItemUsage> usage = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                double amount = 1000.0 * ((i + 7 * m) % 30 + 1);
                usage.add(new ItemUsage("D01", "CARD", "R%02d".formatted(i), amount, 1, 1, 1));
            }
            if (injected != null) {
                usage.add(new ItemUsage("D02", "CARD", injected, injectedAmount, 1, 1, 1));
            }
            months.add(usage);
        }
        return months;
    }

    @Property(tries = 20)
    void anItemInTheTopTenThreeMonthsRunningIsTheOnlyFinding(@ForAll @IntRange(min = 1, max = 20) int what) {
        List<Finding> findings =
                monitor.evaluate(MONTHS, rotating(GeneratedUsage.item(what), 100_000), new RuleSettings());

        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).subject().id()).isEqualTo(GeneratedUsage.item(what));
        assertThat(findings.get(0).evidence()).containsEntry("rank", 1).containsEntry("consecutiveMonths", 3);
    }

    @Test
    void noItemStaysOnTopWhenTheRankingRotates() {
        assertThat(monitor.evaluate(MONTHS, rotating(null, 0), new RuleSettings()))
                .isEmpty();
    }

    @Test
    void antibioticsNeedSixMonths() {
        assertThat(monitor.evaluate(MONTHS, rotating("ABX", 100_000), new RuleSettings()))
                .isEmpty();

        RuleSettings three = new RuleSettings();
        three.setAntibioticPeriods(3);
        assertThat(monitor.evaluate(MONTHS, rotating("ABX", 100_000), three))
                .extracting(f -> f.subject().id())
                .containsExactly("ABX");
    }
}
