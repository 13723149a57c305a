package org.qingfeng.monitors;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qingfeng.config.QingfengProperties;
import org.qingfeng.config.RuleSettings;
import org.qingfeng.config.Severity;
import org.qingfeng.monitors.event.LineStatus;
import org.qingfeng.monitors.event.PatientClass;
import org.qingfeng.monitors.event.Prescription;
import org.qingfeng.monitors.event.PrescriptionLine;
import org.qingfeng.monitors.finding.Finding;

class PrescriptionMonitorTest {

    private static final ReferenceData EMPTY = new InMemoryReferenceData(Map.of(), Map.of());

    private static Prescription longPrescription() {
        PrescriptionLine line = new PrescriptionLine(
                "L1",
                LineStatus.ACTIVE,
                "X",
                "x",
                BigDecimal.ONE,
                "片",
                BigDecimal.TEN,
                "片",
                "QD",
                BigDecimal.TEN,
                null,
                null,
                null,
                false);
        return new Prescription(
                "H", "R", "P", PatientClass.OUTPATIENT, "CARD", null, "D1", null, Instant.EPOCH, List.of(line));
    }

    @Test
    void disabledRuleIsSkippedAndSeverityOverrideApplies() {
        QingfengProperties props = new QingfengProperties();
        PrescriptionMonitor monitor = new PrescriptionMonitor(PrescriptionMonitor.defaultRules(), props, EMPTY);
        assertThat(monitor.evaluate(longPrescription()))
                .extracting(Finding::rule)
                .containsExactly("RX_SUPPLY_DAYS_EXCEEDED");

        RuleSettings high = new RuleSettings();
        high.setSeverity(Severity.HIGH);
        props.getRules().put("RXSUPPLYDAYSEXCEEDED", high); // how Spring binds an unbracketed key
        assertThat(monitor.evaluate(longPrescription()))
                .singleElement()
                .extracting(Finding::severity)
                .isEqualTo(Severity.HIGH);

        RuleSettings off = new RuleSettings();
        off.setEnabled(false);
        props.getRules().put("RXSUPPLYDAYSEXCEEDED", off);
        assertThat(monitor.evaluate(longPrescription())).isEmpty();
    }
}
