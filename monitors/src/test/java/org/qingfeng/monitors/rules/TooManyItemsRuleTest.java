package org.qingfeng.monitors.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qingfeng.monitors.rules.Fixtures.*;

import org.junit.jupiter.api.Test;
import org.qingfeng.config.RuleSettings;
import org.qingfeng.config.Severity;
import org.qingfeng.monitors.event.PatientClass;
import org.qingfeng.monitors.event.PrescriptionLine;
import org.qingfeng.monitors.finding.Finding;

class TooManyItemsRuleTest {
    private final TooManyItemsRule rule = new TooManyItemsRule();

    private static PrescriptionLine[] lines(int n) {
        PrescriptionLine[] lines = new PrescriptionLine[n];
        for (int i = 0; i < n; i++) {
            lines[i] = line("L" + i, "AML", "7", "7");
        }
        return lines;
    }

    @Test
    void firesOnSixItems() {
        Finding f = rule.evaluate(rx(PatientClass.OUTPATIENT, "J1", lines(6)), defaults())
                .orElseThrow();
        assertThat(f.rule()).isEqualTo("RX_TOO_MANY_ITEMS");
        assertThat(f.severity()).isEqualTo(Severity.LOW);
        assertThat(f.evidence()).containsEntry("limit", 5).containsEntry("actual", 6);
        assertThat((java.util.List<?>) f.evidence().get("lines")).hasSize(6);
        assertThat(f.justified()).isFalse();
    }

    @Test
    void silentOnFiveItems() {
        assertThat(rule.evaluate(rx(PatientClass.OUTPATIENT, "J1", lines(5)), defaults()))
                .isEmpty();
    }

    @Test
    void herbalPiecesAndCancelledLinesDoNotCount() {
        PrescriptionLine[] five = lines(5);
        assertThat(rule.evaluate(
                        rx(
                                PatientClass.OUTPATIENT,
                                "J1",
                                five[0],
                                five[1],
                                five[2],
                                five[3],
                                five[4],
                                line("H", "HER", "10", null),
                                cancelled(line("C", "AML", "7", "7"))),
                        defaults()))
                .isEmpty();
    }

    @Test
    void aJustifiedLineJustifiesThePrescription() {
        PrescriptionLine[] six = lines(6);
        six[5] = justified(six[5], "多病共存");
        assertThat(rule.evaluate(rx(PatientClass.OUTPATIENT, "J1", six), defaults())
                        .orElseThrow()
                        .justified())
                .isTrue();
    }

    @Test
    void inpatientOrdersAreNotCountedAndThresholdIsConfigurable() {
        assertThat(rule.evaluate(rx(PatientClass.INPATIENT, "J1", lines(9)), defaults()))
                .isEmpty();
        RuleSettings settings = new RuleSettings();
        settings.setMaxItems(3);
        assertThat(rule.evaluate(rx(PatientClass.OUTPATIENT, "J1", lines(4)), context(settings, "CARD")))
                .isPresent();
    }
}
