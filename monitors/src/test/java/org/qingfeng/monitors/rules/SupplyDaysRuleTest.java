package org.qingfeng.monitors.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qingfeng.monitors.rules.Fixtures.*;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.qingfeng.config.RuleSettings;
import org.qingfeng.config.Severity;
import org.qingfeng.monitors.event.PatientClass;
import org.qingfeng.monitors.finding.Finding;
import org.qingfeng.monitors.finding.Inbox;

class SupplyDaysRuleTest {
    private final SupplyDaysRule rule = new SupplyDaysRule();

    @Test
    void firesOverSevenDaysForOutpatientsWithEvidence() {
        Finding f = rule.evaluate(rx(PatientClass.OUTPATIENT, "J1", line("L1", "AML", "16", "8")), defaults())
                .orElseThrow();
        assertThat(f.rule()).isEqualTo("RX_SUPPLY_DAYS_EXCEEDED");
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.inbox()).isEqualTo(Inbox.PHARMACY);
        assertThat(f.subject().id()).isEqualTo("J1");
        assertThat(f.justified()).isFalse();
        assertThat(f.evidence()).containsEntry("limit", 7).containsEntry("actual", new BigDecimal("8"));
        assertThat(f.evidence()).containsKeys("prescription", "lines", "limitBasis");
        assertThat(f.scope()).isEqualTo("RX:H1:RX1");
    }

    @Test
    void silentAtExactlySevenDays() {
        assertThat(rule.evaluate(rx(PatientClass.OUTPATIENT, "J1", line("L1", "AML", "14", "7")), defaults()))
                .isEmpty();
    }

    @Test
    void emergencyLimitIsThreeDays() {
        assertThat(rule.evaluate(rx(PatientClass.EMERGENCY, "J1", line("L1", "AML", "3", "3")), defaults()))
                .isEmpty();
        assertThat(rule.evaluate(rx(PatientClass.EMERGENCY, "J1", line("L1", "AML", "4", "3.5")), defaults()))
                .isPresent();
    }

    @Test
    void chronicLongPrescriptionMayRunTwelveWeeks() {
        assertThat(rule.evaluate(rx(PatientClass.OUTPATIENT, "J1", chronic(line("L1", "AML", "84", "84"))), defaults()))
                .isEmpty();
        Finding f = rule.evaluate(rx(PatientClass.OUTPATIENT, "J1", chronic(line("L1", "AML", "90", "90"))), defaults())
                .orElseThrow();
        assertThat(f.evidence()).containsEntry("limit", 84).containsEntry("limitBasis", "CHRONIC");
    }

    @Test
    void inpatientOrdersAreNotLimited() {
        assertThat(rule.evaluate(rx(PatientClass.INPATIENT, "J1", line("L1", "AML", "30", "30")), defaults()))
                .isEmpty();
    }

    @Test
    void justificationMarksTheAlertJustified() {
        Finding f = rule.evaluate(
                        rx(PatientClass.OUTPATIENT, "J1", justified(line("L1", "AML", "20", "10"), "出差两周")), defaults())
                .orElseThrow();
        assertThat(f.justified()).isTrue();
        assertThat(f.evidence()).containsKey("justifications");
    }

    @Test
    void cancelledLinesAreIgnored() {
        assertThat(rule.evaluate(
                        rx(PatientClass.OUTPATIENT, "J1", cancelled(line("L1", "AML", "20", "10"))), defaults()))
                .isEmpty();
    }

    @Test
    void configuredAndDepartmentThresholdsApply() {
        RuleSettings settings = new RuleSettings();
        settings.setOutpatientDays(10);
        RuleSettings card = new RuleSettings();
        card.setOutpatientDays(5);
        settings.getDepartments().put("CARD", card);
        assertThat(rule.evaluate(
                        rx(PatientClass.OUTPATIENT, "J1", line("L1", "AML", "12", "6")), context(settings, "CARD")))
                .isPresent();
        assertThat(rule.evaluate(
                        rx(PatientClass.OUTPATIENT, "J1", line("L1", "AML", "18", "9")), context(settings, "GAST")))
                .isEmpty();
    }
}
