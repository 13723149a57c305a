package org.qingfeng.monitors.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.qingfeng.config.RuleSettings;
import org.qingfeng.monitors.finding.Finding;

class PeerOutlierMonitorTest {

    private final PeerOutlierMonitor monitor = new PeerOutlierMonitor(GeneratedUsage.reference(List.of()));

    @Property(tries = 50)
    void aPrescriberAtFourTimesThePeerMedianIsTheOnlyOutlier(
            @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 12) int who,
            @ForAll @IntRange(min = 1, max = 20) int what) {
        GeneratedUsage month = new GeneratedUsage(seed);
        List<ItemUsage> usage =
                GeneratedUsage.inject(month.period(), GeneratedUsage.prescriber(who), GeneratedUsage.item(what), 4.0);

        List<Finding> findings = monitor.evaluate("2026-03", usage, month.volumes, new RuleSettings());

        assertThat(findings).hasSize(1);
        Finding f = findings.get(0);
        assertThat(f.rule()).isEqualTo("PAT_PEER_OUTLIER");
        assertThat(f.subject().id()).isEqualTo(GeneratedUsage.prescriber(who));
        assertThat(f.evidence())
                .containsEntry("itemCode", GeneratedUsage.item(what))
                .containsEntry("rank", 1);
        assertThat(((java.math.BigDecimal) f.evidence().get("ratioToMedian")).doubleValue())
                .isBetween(3.0, 5.0);
        assertThat(((java.math.BigDecimal) f.evidence().get("robustZ")).doubleValue())
                .isGreaterThanOrEqualTo(3.5);
        assertThat((List<?>) f.evidence().get("peerValues")).hasSize(11);
    }

    @Property(tries = 50)
    void theSameMonthWithoutTheInjectionHasNoOutlier(@ForAll long seed) {
        GeneratedUsage month = new GeneratedUsage(seed);

        assertThat(monitor.evaluate("2026-03", month.period(), month.volumes, new RuleSettings()))
                .isEmpty();
    }

    @Test
    void tooFewPeersOrTooLittleVolumeIsNoFinding() {
        GeneratedUsage month = new GeneratedUsage(7);
        List<ItemUsage> usage = GeneratedUsage.inject(month.period(), "D03", "X05", 4.0);
        RuleSettings needsMorePeers = new RuleSettings();
        needsMorePeers.setMinPeers(12);
        RuleSettings needsMoreVolume = new RuleSettings();
        needsMoreVolume.setMinPrescriptions(161); // the injected prescriber wrote 4 × 40

        assertThat(monitor.evaluate("2026-03", usage, month.volumes, needsMorePeers))
                .isEmpty();
        assertThat(monitor.evaluate("2026-03", usage, month.volumes, needsMoreVolume))
                .isEmpty();
        assertThat(monitor.evaluate("2026-03", usage, month.volumes, new RuleSettings()))
                .hasSize(1);
    }

    @Test
    void aBusyPrescriberIsNotAnOutlierForBeingBusy() {
        GeneratedUsage month = new GeneratedUsage(11);
        // D05 sees four times the patients and uses everything four times as much: per visit, nothing stands out
        List<PrescriberVolume> volumes = month.volumes.stream()
                .map(v -> v.prescriberId().equals("D05")
                        ? new PrescriberVolume("D05", v.departmentCode(), v.visits() * 4, 0)
                        : v)
                .toList();
        List<ItemUsage> usage = month.period().stream()
                .map(u -> u.prescriberId().equals("D05")
                        ? new ItemUsage(
                                "D05",
                                u.departmentCode(),
                                u.itemCode(),
                                u.amount() * 4,
                                u.quantity() * 4,
                                u.prescriptions() * 4,
                                u.patients() * 4)
                        : u)
                .toList();

        assertThat(monitor.evaluate("2026-03", usage, volumes, new RuleSettings()))
                .isEmpty();
    }
}
