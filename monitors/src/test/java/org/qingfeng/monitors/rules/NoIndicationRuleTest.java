package org.qingfeng.monitors.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qingfeng.monitors.rules.Fixtures.*;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qingfeng.config.RuleSettings;
import org.qingfeng.monitors.event.PatientClass;
import org.qingfeng.monitors.finding.Finding;

class NoIndicationRuleTest {
    private final NoIndicationRule rule = new NoIndicationRule();

    private static org.qingfeng.monitors.event.Prescription withIndication(String indication) {
        return rx(PatientClass.INPATIENT, "J1", line("L1", "GAN", "20", "mg", "1", "支", "1", "IV", indication));
    }

    @Test
    void missingOrNonMatchingIndicationFires() {
        Finding f = rule.evaluate(withIndication("J18.9"), defaults()).orElseThrow();
        assertThat(f.evidence().get("actual")).isEqualTo("J18.9");
        assertThat(f.evidence().get("limit")).isEqualTo(List.of("I63", "S06"));
        Map<?, ?> mismatch = (Map<?, ?>) ((List<?>) f.evidence().get("mismatches")).get(0);
        assertThat(mismatch.get("keyMonitored")).isEqualTo(true);
        assertThat(rule.evaluate(withIndication(null), defaults())).isPresent();
    }

    @Test
    void matchingPrefixIsSilentIgnoringDotsAndCase() {
        assertThat(rule.evaluate(withIndication("I63.901"), defaults())).isEmpty();
        assertThat(rule.evaluate(withIndication("s06.0"), defaults())).isEmpty();
        // a near miss: I6 is not I63
        assertThat(rule.evaluate(withIndication("I64"), defaults())).isPresent();
    }

    @Test
    void drugsWithoutAPrefixListOrNotKeyMonitoredAreNotChecked() {
        assertThat(rule.evaluate(rx(PatientClass.OUTPATIENT, "J1", line("L1", "AML", "7", "7")), defaults()))
                .isEmpty();
        assertThat(rule.evaluate(rx(PatientClass.OUTPATIENT, "J1", line("L1", "CEF", "7", "7")), defaults()))
                .isEmpty();
    }

    @Test
    void justificationHonouredAndRuleCanBeDisabledPerDepartment() {
        var l = justified(line("L1", "GAN", "20", "mg", "1", "支", "1", "IV", null), "临床研究方案");
        assertThat(rule.evaluate(rx(PatientClass.INPATIENT, "J1", l), defaults())
                        .orElseThrow()
                        .justified())
                .isTrue();
        // severity override per rule
        RuleSettings settings = new RuleSettings();
        settings.setSeverity(org.qingfeng.config.Severity.LOW);
        assertThat(rule.evaluate(withIndication(null), context(settings, "CARD"))
                        .orElseThrow()
                        .severity())
                .isEqualTo(org.qingfeng.config.Severity.LOW);
    }
}
