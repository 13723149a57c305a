package org.qingfeng.monitors.pattern;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.qingfeng.config.RuleSettings;
import org.qingfeng.config.Severity;
import org.qingfeng.monitors.event.PatientClass;
import org.qingfeng.monitors.finding.Finding;
import org.qingfeng.monitors.finding.Inbox;
import org.qingfeng.monitors.finding.Subject;
import org.qingfeng.monitors.finding.SubjectType;

/**
 * PAT_ANTIBIOTIC_KPI (抗菌药物专项整治 targets): a department's outpatient prescriptions with an antibiotic above 20 %,
 * emergency above 40 %, or inpatient antibiotic use rate above 60 % (by patient-days: days a patient received an
 * antibiotic over days a patient received any order), with at least 30 prescriptions in the period.
 */
public final class AntibioticKpiMonitor {
    public static final String CODE = "PAT_ANTIBIOTIC_KPI";
    static final int OUTPATIENT_PERCENT = 20;
    static final int EMERGENCY_PERCENT = 40;
    static final int INPATIENT_PERCENT = 60;
    static final int MIN_PRESCRIPTIONS = 30;

    public List<Finding> evaluate(String period, List<DepartmentActivity> activity, RuleSettings settings) {
        if (!PatternFindings.enabled(settings)) {
            return List.of();
        }
        Map<String, long[]> sums = new HashMap<>();
        for (DepartmentActivity a : activity) {
            long[] s = sums.computeIfAbsent(a.departmentCode() + "\u0000" + a.patientClass(), k -> new long[4]);
            s[0] += a.prescriptions();
            s[1] += a.antibioticPrescriptions();
            s[2] += a.patients();
            s[3] += a.antibioticPatients();
        }
        int minPrescriptions = PatternFindings.or(settings.getMinPrescriptions(), MIN_PRESCRIPTIONS);
        List<Finding> findings = new ArrayList<>();
        for (String key : sums.keySet().stream().sorted().toList()) {
            String[] parts = key.split("\u0000");
            PatientClass patientClass = PatientClass.valueOf(parts[1]);
            long[] s = sums.get(key);
            Integer target = switch (patientClass) {
                case OUTPATIENT -> PatternFindings.or(settings.getOutpatientPercent(), OUTPATIENT_PERCENT);
                case EMERGENCY -> PatternFindings.or(settings.getEmergencyPercent(), EMERGENCY_PERCENT);
                case INPATIENT -> PatternFindings.or(settings.getInpatientPercent(), INPATIENT_PERCENT);
                case UNKNOWN -> null;
            };
            if (target == null || s[0] < minPrescriptions) {
                continue;
            }
            boolean inpatient = patientClass == PatientClass.INPATIENT;
            long part = inpatient ? s[3] : s[1];
            long whole = inpatient ? s[2] : s[0];
            double rate = whole == 0 ? 0 : 100.0 * part / whole;
            if (rate <= target) {
                continue;
            }
            String indicator = inpatient
                    ? "inpatient antibiotic use rate (patient-days)"
                    : patientClass.name().toLowerCase(java.util.Locale.ROOT) + " prescriptions with an antibiotic";
            var e = PatternFindings.evidence(period, null, null);
            e.put("department", parts[0]);
            e.put("patientClass", patientClass.name());
            e.put("indicator", indicator);
            e.put("value", PatternFindings.round(rate, 1));
            e.put("targetPercent", target);
            e.put("numerator", part);
            e.put("denominator", whole);
            findings.add(new Finding(
                    CODE,
                    PatternFindings.severity(settings, Severity.MEDIUM),
                    Inbox.PHARMACY,
                    new Subject(SubjectType.DEPARTMENT, parts[0], parts[0]),
                    parts[0],
                    "PAT:" + period + ":" + patientClass,
                    parts[0] + " " + label(patientClass) + " " + PatternFindings.round(rate, 1) + "%，超过目标 " + target
                            + "% / antibiotic indicator over target",
                    false,
                    e));
        }
        return findings;
    }

    private static String label(PatientClass c) {
        return switch (c) {
            case OUTPATIENT -> "门诊抗菌药物处方比例";
            case EMERGENCY -> "急诊抗菌药物处方比例";
            case INPATIENT -> "住院患者抗菌药物使用率";
            case UNKNOWN -> "";
        };
    }
}
