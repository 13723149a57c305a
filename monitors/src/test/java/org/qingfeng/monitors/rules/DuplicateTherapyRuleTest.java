package org.qingfeng.monitors.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qingfeng.monitors.rules.Fixtures.*;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qingfeng.config.RuleSettings;
import org.qingfeng.monitors.event.OtherOrder;
import org.qingfeng.monitors.event.PatientClass;
import org.qingfeng.monitors.finding.Finding;

class DuplicateTherapyRuleTest {
    private final DuplicateTherapyRule rule = new DuplicateTherapyRule();

    private static OtherOrder other(String rx, String item, String orderedAt, String days) {
        return new OtherOrder(
                "H1:" + rx,
                rx + "-1",
                item,
                "药品" + item,
                PatientClass.OUTPATIENT,
                Instant.parse(orderedAt),
                days == null ? null : new BigDecimal(days));
    }

    @Test
    void twoDrugsOfOneClassInOnePrescriptionFire() {
        Finding f = rule.evaluate(
                        rx(PatientClass.OUTPATIENT, "J1", line("L1", "ENA", "7", "7"), line("L2", "BEN", "7", "7")),
                        defaults())
                .orElseThrow();
        assertThat(f.evidence().get("actual")).isEqualTo(2);
        List<?> classes = (List<?>) f.evidence().get("classes");
        assertThat(((Map<?, ?>) classes.get(0)).get("atcClass")).isEqualTo("C09AA");
        assertThat((List<?>) f.evidence().get("lines")).hasSize(2);
    }

    @Test
    void differentClassesAreSilent() {
        assertThat(rule.evaluate(
                        rx(PatientClass.OUTPATIENT, "J1", line("L1", "ENA", "7", "7"), line("L2", "AML", "7", "7")),
                        defaults()))
                .isEmpty();
    }

    @Test
    void aRunningOrderOfAnotherPrescriptionCounts() {
        // this prescription is ordered 2026-11-20T01:00Z; the other one five days earlier for 7 days is still running
        var ctx = context(new RuleSettings(), "CARD", List.of(other("RX0", "BEN", "2026-11-15T01:00:00Z", "7")));
        Finding f = rule.evaluate(rx(PatientClass.OUTPATIENT, "J1", line("L1", "ENA", "7", "7")), ctx)
                .orElseThrow();
        List<?> others = (List<?>) ((Map<?, ?>) ((List<?>) f.evidence().get("classes")).get(0)).get("otherOrders");
        assertThat(((Map<?, ?>) others.get(0)).get("prescription")).isEqualTo("H1:RX0");
    }

    @Test
    void anOrderThatRanOutIsSilent() {
        // ordered 2026-11-13 for 7 days: ended 2026-11-20T01:00Z, exactly when this one was written
        var ctx = context(new RuleSettings(), "CARD", List.of(other("RX0", "BEN", "2026-11-13T01:00:00Z", "7")));
        assertThat(rule.evaluate(rx(PatientClass.OUTPATIENT, "J1", line("L1", "ENA", "7", "7")), ctx))
                .isEmpty();
    }

    @Test
    void theSamePrescriptionSeenAgainIsNotItsOwnDuplicate() {
        var ctx = context(new RuleSettings(), "CARD", List.of(other("RX1", "BEN", "2026-11-20T01:00:00Z", "7")));
        assertThat(rule.evaluate(rx(PatientClass.OUTPATIENT, "J1", line("L1", "ENA", "7", "7")), ctx))
                .isEmpty();
    }

    @Test
    void departmentOverrideOfTheAtcLevel() {
        RuleSettings settings = new RuleSettings();
        RuleSettings card = new RuleSettings();
        card.setAtcLevel(5); // compare substances, not classes
        settings.getDepartments().put("CARD", card);
        var prescription = rx(PatientClass.OUTPATIENT, "J1", line("L1", "ENA", "7", "7"), line("L2", "BEN", "7", "7"));
        assertThat(rule.evaluate(prescription, context(settings, "CARD"))).isEmpty();
        assertThat(rule.evaluate(prescription, context(settings, "GAST"))).isPresent();
    }

    @Test
    void justifiedOnlyWhenEveryInvolvedLineIsJustified() {
        var one = rx(
                PatientClass.OUTPATIENT,
                "J1",
                justified(line("L1", "ENA", "7", "7"), "换药过渡"),
                line("L2", "BEN", "7", "7"));
        assertThat(rule.evaluate(one, defaults()).orElseThrow().justified()).isFalse();
        var both = rx(
                PatientClass.OUTPATIENT,
                "J1",
                justified(line("L1", "ENA", "7", "7"), "换药过渡"),
                justified(line("L2", "BEN", "7", "7"), "换药过渡"));
        assertThat(rule.evaluate(both, defaults()).orElseThrow().justified()).isTrue();
    }
}
