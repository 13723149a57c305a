package org.qingfeng.monitors.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qingfeng.monitors.rules.Fixtures.*;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qingfeng.monitors.event.PatientClass;
import org.qingfeng.monitors.finding.Finding;

class ControlledPrivilegeRuleTest {
    private final ControlledPrivilegeRule rule = new ControlledPrivilegeRule();

    @Test
    void narcoticWithoutPrivilegeFires() {
        Finding f = rule.evaluate(
                        rx(PatientClass.INPATIENT, "S1", line("L1", "MOR", "1", "1"), line("L2", "AML", "7", "7")),
                        defaults())
                .orElseThrow();
        assertThat(f.rule()).isEqualTo("RX_CONTROLLED_PRIVILEGE");
        assertThat(f.evidence().get("actual")).isEqualTo("NO_PRIVILEGE");
        assertThat((List<?>) f.evidence().get("lines"))
                .singleElement()
                .satisfies(l -> assertThat(((Map<?, ?>) l).get("itemCode")).isEqualTo("MOR"));
    }

    @Test
    void classOnePsychotropicCountsAndUnknownPrescriberIsNamed() {
        Finding f = rule.evaluate(rx(PatientClass.OUTPATIENT, "NOBODY", line("L1", "TRI", "3", "3")), defaults())
                .orElseThrow();
        assertThat(f.evidence().get("actual")).isEqualTo("NOT_IN_ROSTER");
    }

    @Test
    void silentWithPrivilegeOrForClassTwo() {
        assertThat(rule.evaluate(rx(PatientClass.OUTPATIENT, "NC", line("L1", "MOR", "1", "1")), defaults()))
                .isEmpty();
        assertThat(rule.evaluate(rx(PatientClass.OUTPATIENT, "S1", line("L1", "EST", "7", "7")), defaults()))
                .isEmpty();
    }

    @Test
    void justificationIsRecordedButTheFindingStays() {
        Finding f = rule.evaluate(
                        rx(PatientClass.OUTPATIENT, "S1", justified(line("L1", "MOR", "1", "1"), "抢救")), defaults())
                .orElseThrow();
        assertThat(f.justified()).isTrue();
        assertThat(f.evidence().get("justifications")).isEqualTo(List.of("抢救"));
    }
}
