package org.qingfeng.monitors.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qingfeng.monitors.rules.Fixtures.*;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qingfeng.config.RuleSettings;
import org.qingfeng.config.Severity;
import org.qingfeng.monitors.event.PatientClass;
import org.qingfeng.monitors.finding.Finding;

class NonVbpChoiceRuleTest {
    private final NonVbpChoiceRule rule = new NonVbpChoiceRule();

    @Test
    void nonSelectedProductWithASelectedAlternativeFires() {
        Finding f = rule.evaluate(rx(PatientClass.OUTPATIENT, "J1", line("L1", "ATV2", "7", "7")), defaults())
                .orElseThrow();
        assertThat(f.severity()).isEqualTo(Severity.LOW);
        Map<?, ?> choice = (Map<?, ?>) ((List<?>) f.evidence().get("choices")).get(0);
        assertThat((List<?>) choice.get("selectedAlternatives"))
                .singleElement()
                .satisfies(a -> assertThat(((Map<?, ?>) a).get("code")).isEqualTo("ATV1"));
    }

    @Test
    void silentForTheSelectedProductAndWithoutAnAlternative() {
        assertThat(rule.evaluate(rx(PatientClass.OUTPATIENT, "J1", line("L1", "ATV1", "7", "7")), defaults()))
                .isEmpty();
        // rosuvastatin has no selected product in this catalog
        assertThat(rule.evaluate(rx(PatientClass.OUTPATIENT, "J1", line("L1", "ROS2", "7", "7")), defaults()))
                .isEmpty();
    }

    @Test
    void justificationHonouredAndRuleDisabledByConfigurationIsTheMonitorsJob() {
        Finding f = rule.evaluate(
                        rx(PatientClass.OUTPATIENT, "J1", justified(line("L1", "ATV2", "7", "7"), "过敏史")), defaults())
                .orElseThrow();
        assertThat(f.justified()).isTrue();
        RuleSettings settings = new RuleSettings();
        settings.setSeverity(Severity.MEDIUM);
        assertThat(rule.evaluate(
                                rx(PatientClass.OUTPATIENT, "J1", line("L1", "ATV2", "7", "7")), context(settings, "X"))
                        .orElseThrow()
                        .severity())
                .isEqualTo(Severity.MEDIUM);
    }
}
