package org.qingfeng.monitors.pattern;

import org.qingfeng.monitors.event.PatientClass;

/**
 * A department's activity for one patient class over a period: prescriptions, those with an antibiotic, patient
 * visits (patient-days) and those with an antibiotic.
 */
public record DepartmentActivity(
        String departmentCode,
        PatientClass patientClass,
        long prescriptions,
        long antibioticPrescriptions,
        long patients,
        long antibioticPatients) {}
