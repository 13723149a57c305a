package org.qingfeng.monitors.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qingfeng.monitors.rules.Fixtures.*;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qingfeng.config.Severity;
import org.qingfeng.monitors.event.PatientClass;
import org.qingfeng.monitors.finding.Finding;

class AntibioticPrivilegeRuleTest {
    private final AntibioticPrivilegeRule rule = new AntibioticPrivilegeRule();

    @Test
    void juniorPrescribingRestrictedTierFires() {
        Finding f = rule.evaluate(rx(PatientClass.INPATIENT, "J1", line("L1", "LEV", "6", "3")), defaults())
                .orElseThrow();
        assertThat(f.rule()).isEqualTo("RX_ANTIBIOTIC_PRIVILEGE");
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.evidence()).containsEntry("limit", "NON_RESTRICTED").containsEntry("actual", "RESTRICTED");
        assertThat(f.evidence()).containsEntry("titleLevel", "JUNIOR");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> violations =
                (List<Map<String, Object>>) f.evidence().get("violations");
        assertThat(violations)
                .singleElement()
                .satisfies(v -> assertThat(v).containsEntry("reason", "TIER_ABOVE_PRIVILEGE"));
    }

    @Test
    void juniorPrescribingNonRestrictedTierIsSilent() {
        assertThat(rule.evaluate(rx(PatientClass.OUTPATIENT, "J1", line("L1", "AMX", "12", "3")), defaults()))
                .isEmpty();
    }

    @Test
    void intermediateMayPrescribeRestrictedButNotSpecial() {
        assertThat(rule.evaluate(rx(PatientClass.INPATIENT, "M1", line("L1", "LEV", "6", "3")), defaults()))
                .isEmpty();
        assertThat(rule.evaluate(rx(PatientClass.INPATIENT, "M1", line("L1", "MER", "3", "3")), defaults()))
                .isPresent();
    }

    @Test
    void seniorMayPrescribeSpecialForInpatientsOnly() {
        assertThat(rule.evaluate(rx(PatientClass.INPATIENT, "S1", line("L1", "MER", "3", "3")), defaults()))
                .isEmpty();
        Finding f = rule.evaluate(rx(PatientClass.OUTPATIENT, "S1", line("L1", "MER", "3", "3")), defaults())
                .orElseThrow();
        assertThat(f.evidence().get("violations").toString()).contains("SPECIAL_TIER_IN_OUTPATIENT");
    }

    @Test
    void rosterOverrideGrantsSpecialTier() {
        assertThat(rule.evaluate(rx(PatientClass.INPATIENT, "MX", line("L1", "MER", "3", "3")), defaults()))
                .isEmpty();
    }

    @Test
    void prescriberMissingFromRosterHasNoPrivilege() {
        Finding f = rule.evaluate(rx(PatientClass.INPATIENT, "UNKNOWN", line("L1", "AMX", "12", "3")), defaults())
                .orElseThrow();
        assertThat(f.evidence()).containsEntry("inRoster", false).containsEntry("limit", "NONE");
    }

    @Test
    void justificationIsHonoured() {
        Finding f = rule.evaluate(
                        rx(PatientClass.INPATIENT, "J1", justified(line("L1", "LEV", "6", "3"), "会诊同意")), defaults())
                .orElseThrow();
        assertThat(f.justified()).isTrue();
    }
}
