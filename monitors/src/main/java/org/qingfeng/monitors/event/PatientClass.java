package org.qingfeng.monitors.event;

/** Patient class from PV1-2 (or FHIR category / Encounter.class). */
public enum PatientClass {
    OUTPATIENT("O"),
    EMERGENCY("E"),
    INPATIENT("I"),
    UNKNOWN("");

    private final String hl7Code;

    PatientClass(String hl7Code) {
        this.hl7Code = hl7Code;
    }

    public String hl7Code() {
        return hl7Code;
    }

    public static PatientClass fromHl7(String code) {
        if (code == null) {
            return UNKNOWN;
        }
        return switch (code.trim().toUpperCase(java.util.Locale.ROOT)) {
            case "O", "OUTPATIENT", "AMB", "R", "B" -> OUTPATIENT;
            case "E", "EMERGENCY", "EMER" -> EMERGENCY;
            case "I", "INPATIENT", "IMP" -> INPATIENT;
            default -> UNKNOWN;
        };
    }
}
