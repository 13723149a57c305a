package org.qingfeng.monitors.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qingfeng.config.RuleSettings;
import org.qingfeng.config.reference.VbpStatus;
import org.qingfeng.monitors.event.PatientClass;
import org.qingfeng.monitors.finding.Finding;
import org.qingfeng.monitors.finding.Inbox;

class VbpAndAntibioticMonitorsTest {

    @Test
    void aPrescriberFarBelowTheDepartmentsVbpShareIsReported() {
        VbpShareMonitor monitor = new VbpShareMonitor(GeneratedUsage.reference(List.of(
                GeneratedUsage.drug("AML-VBP", "氨氯地平(中选)", "氨氯地平", VbpStatus.SELECTED, null, false),
                GeneratedUsage.drug("AML-BRAND", "氨氯地平(原研)", "氨氯地平", VbpStatus.NON_SELECTED, null, false))));
        List<ItemUsage> usage = new ArrayList<>();
        for (int p = 1; p <= 6; p++) {
            usage.add(new ItemUsage("D0" + p, "CARD", "AML-VBP", 100, 10, 80, 80));
            usage.add(new ItemUsage("D0" + p, "CARD", "AML-BRAND", 100, 10, 20, 20));
        }
        usage.add(new ItemUsage("D07", "CARD", "AML-VBP", 100, 10, 10, 10));
        usage.add(new ItemUsage("D07", "CARD", "AML-BRAND", 100, 10, 90, 90));
        usage.add(new ItemUsage("D07", "CARD", "X01", 100, 10, 500, 500)); // no VBP generic: not counted

        List<Finding> findings = monitor.evaluate("2026-03", usage, new RuleSettings());

        assertThat(findings).extracting(f -> f.subject().id()).containsExactly("D07");
        // department: 490 of 700 selected = 70 %; D07: 10 %
        assertThat(findings.get(0).evidence().get("departmentShare").toString()).isEqualTo("70.0");
        assertThat(findings.get(0).evidence().get("value").toString()).isEqualTo("10.0");
    }

    @Test
    void departmentsOverTheirAntibioticTargetsAreReportedToThePharmacy() {
        AntibioticKpiMonitor monitor = new AntibioticKpiMonitor();
        List<DepartmentActivity> activity = List.of(
                new DepartmentActivity("RESP", PatientClass.OUTPATIENT, 100, 25, 100, 25),
                new DepartmentActivity("CARD", PatientClass.OUTPATIENT, 100, 20, 100, 20),
                new DepartmentActivity("ER", PatientClass.EMERGENCY, 50, 21, 50, 21),
                new DepartmentActivity("ICU", PatientClass.INPATIENT, 40, 40, 100, 61),
                new DepartmentActivity("SMALL", PatientClass.OUTPATIENT, 10, 9, 10, 9));

        List<Finding> findings = monitor.evaluate("2026-03", activity, new RuleSettings());

        assertThat(findings).extracting(f -> f.subject().id()).containsExactly("ER", "ICU", "RESP");
        assertThat(findings).allMatch(f -> f.inbox() == Inbox.PHARMACY);
        assertThat(findings.get(1).evidence()).containsEntry("numerator", 61L).containsEntry("denominator", 100L);
    }
}
