package org.qingfeng.monitors.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qingfeng.monitors.rules.Fixtures.*;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.qingfeng.config.RuleSettings;
import org.qingfeng.monitors.event.PatientClass;
import org.qingfeng.monitors.finding.Finding;

class AmountHighRuleTest {
    private final AmountHighRule rule = new AmountHighRule();

    @Test
    void firesWhenOutpatientTotalExceedsOneThousand() {
        // 10 × ¥100 + 7 × ¥0.15 = ¥1,001.05
        Finding f = rule.evaluate(
                        rx(PatientClass.OUTPATIENT, "J1", line("L1", "TRA", "10", null), line("L2", "AML", "7", "7")),
                        defaults())
                .orElseThrow();
        assertThat(f.rule()).isEqualTo("RX_AMOUNT_HIGH");
        assertThat(f.evidence().get("actual")).isEqualTo(new BigDecimal("1001.05"));
        assertThat(f.evidence().get("limit")).isEqualTo(new BigDecimal("1000"));
        assertThat(f.evidence()).containsKeys("amounts", "prescription", "lines");
    }

    @Test
    void silentAtExactlyOneThousand() {
        assertThat(rule.evaluate(rx(PatientClass.OUTPATIENT, "J1", line("L1", "TRA", "10", null)), defaults()))
                .isEmpty();
    }

    @Test
    void emergencyThresholdIsFiveHundred() {
        assertThat(rule.evaluate(rx(PatientClass.EMERGENCY, "J1", line("L1", "TRA", "5", null)), defaults()))
                .isEmpty();
        assertThat(rule.evaluate(rx(PatientClass.EMERGENCY, "J1", line("L1", "TRA", "6", null)), defaults()))
                .isPresent();
    }

    @Test
    void justifiedWhenALineCarriesAJustification() {
        Finding f = rule.evaluate(
                        rx(PatientClass.OUTPATIENT, "J1", justified(line("L1", "TRA", "11", null), "靶向治疗")), defaults())
                .orElseThrow();
        assertThat(f.justified()).isTrue();
    }

    @Test
    void departmentOverrideRaisesTheThreshold() {
        RuleSettings settings = new RuleSettings();
        RuleSettings onco = new RuleSettings();
        onco.setOutpatientAmount(new BigDecimal("5000"));
        settings.getDepartments().put("CARD", onco);
        assertThat(rule.evaluate(
                        rx(PatientClass.OUTPATIENT, "J1", line("L1", "TRA", "20", null)), context(settings, "CARD")))
                .isEmpty();
        assertThat(rule.evaluate(
                        rx(PatientClass.OUTPATIENT, "J1", line("L1", "TRA", "20", null)), context(settings, "GAST")))
                .isPresent();
    }

    @Test
    void inpatientOnlyWhenConfigured() {
        assertThat(rule.evaluate(rx(PatientClass.INPATIENT, "J1", line("L1", "TRA", "50", null)), defaults()))
                .isEmpty();
        RuleSettings settings = new RuleSettings();
        settings.setInpatientAmount(new BigDecimal("3000"));
        assertThat(rule.evaluate(
                        rx(PatientClass.INPATIENT, "J1", line("L1", "TRA", "50", null)), context(settings, "CARD")))
                .isPresent();
    }
}
