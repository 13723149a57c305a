package org.qingfeng.monitors.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qingfeng.monitors.rules.Fixtures.*;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qingfeng.config.RuleSettings;
import org.qingfeng.monitors.event.PatientClass;
import org.qingfeng.monitors.finding.Finding;

class ControlledQuantityRuleTest {
    private final ControlledQuantityRule rule = new ControlledQuantityRule();

    private Finding fires(
            PatientClass cls, String item, String dose, String doseUnit, String qty, String unit, String days) {
        return rule.evaluate(rx(cls, "NC", line("L1", item, dose, doseUnit, qty, unit, days, "PO", null)), defaults())
                .orElseThrow();
    }

    private boolean silent(
            PatientClass cls, String item, String dose, String doseUnit, String qty, String unit, String days) {
        return rule.evaluate(rx(cls, "NC", line("L1", item, dose, doseUnit, qty, unit, days, "PO", null)), defaults())
                .isEmpty();
    }

    @Test
    void narcoticInjectionIsLimitedToOneDose() {
        // 10 mg per dose, 20 mg dispensed: two doses
        Finding f = fires(PatientClass.OUTPATIENT, "MOR", "10", "mg", "20", "mg", "1");
        assertThat(f.evidence().get("unit")).isEqualTo("DOSES");
        assertThat(f.evidence().get("limit")).isEqualTo(BigDecimal.ONE);
        assertThat((BigDecimal) f.evidence().get("actual")).isEqualByComparingTo("2");
        assertThat(silent(PatientClass.OUTPATIENT, "MOR", "10", "mg", "10", "mg", "1"))
                .isTrue();
        // units that cannot be compared: one ampoule per dose
        assertThat(silent(PatientClass.OUTPATIENT, "MOR", "10", "mg", "1", "支", "1"))
                .isTrue();
        assertThat(fires(PatientClass.OUTPATIENT, "MOR", "10", "mg", "2", "支", "1"))
                .isNotNull();
    }

    @Test
    void controlledReleaseSevenDaysOtherFormsThree() {
        assertThat(silent(PatientClass.OUTPATIENT, "OXY", "1", "片", "14", "片", "7"))
                .isTrue();
        assertThat(fires(PatientClass.OUTPATIENT, "OXY", "1", "片", "16", "片", "8")
                        .evidence()
                        .get("excesses"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .singleElement()
                .satisfies(e -> assertThat(((Map<?, ?>) e).get("basis")).isEqualTo("NARCOTIC_CONTROLLED_RELEASE"));
        assertThat(silent(PatientClass.OUTPATIENT, "TRI", "1", "片", "3", "片", "3"))
                .isTrue();
        assertThat(fires(PatientClass.EMERGENCY, "TRI", "1", "片", "4", "片", "4"))
                .isNotNull();
    }

    @Test
    void classTwoPsychotropicSevenDays() {
        assertThat(silent(PatientClass.OUTPATIENT, "EST", "1", "片", "7", "片", "7"))
                .isTrue();
        assertThat(fires(PatientClass.OUTPATIENT, "EST", "1", "片", "8", "片", "8")
                        .evidence()
                        .get("limit"))
                .isEqualTo(BigDecimal.valueOf(7));
    }

    @Test
    void inpatientsAndUncontrolledDrugsAreNotLimited() {
        assertThat(silent(PatientClass.INPATIENT, "TRI", "1", "片", "30", "片", "30"))
                .isTrue();
        assertThat(silent(PatientClass.OUTPATIENT, "AML", "1", "片", "30", "片", "30"))
                .isTrue();
    }

    @Test
    void departmentOverrideApplies() {
        RuleSettings settings = new RuleSettings();
        RuleSettings pain = new RuleSettings();
        pain.setControlledDays(7); // e.g. a cancer-pain clinic (处方管理办法 §24)
        settings.getDepartments().put("PAIN", pain);
        var prescription = rx(PatientClass.OUTPATIENT, "NC", line("L1", "TRI", "1", "片", "5", "片", "5", "PO", null));
        assertThat(rule.evaluate(prescription, context(settings, "PAIN"))).isEmpty();
        assertThat(rule.evaluate(prescription, context(settings, "CARD"))).isPresent();
    }

    @Test
    void justificationHonoured() {
        var l = justified(line("L1", "TRI", "1", "片", "5", "片", "5", "PO", null), "晚期癌痛");
        Finding f =
                rule.evaluate(rx(PatientClass.OUTPATIENT, "NC", l), defaults()).orElseThrow();
        assertThat(f.justified()).isTrue();
        assertThat((List<?>) f.evidence().get("lines")).hasSize(1);
    }
}
