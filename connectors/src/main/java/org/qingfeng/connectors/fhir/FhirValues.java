package org.qingfeng.connectors.fhir;

import java.util.Locale;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Timing;
import org.qingfeng.connectors.mapping.Frequencies;
import org.qingfeng.monitors.event.LineStatus;
import org.qingfeng.monitors.event.PatientClass;

/** Reading single values out of FHIR R4 resources the way the prescription mapping needs them (interfaces.md §2). */
final class FhirValues {
    private static final String CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/medicationrequest-category";

    private FhirValues() {}

    static LineStatus dispenseStatus(MedicationDispense.MedicationDispenseStatus status) {
        if (status == null) {
            return LineStatus.ACTIVE;
        }
        return switch (status) {
            case CANCELLED, ENTEREDINERROR, DECLINED -> LineStatus.CANCELLED;
            case STOPPED -> LineStatus.DISCONTINUED;
            default -> LineStatus.ACTIVE;
        };
    }

    static PatientClass patientClass(MedicationRequest mr, Map<String, Resource> resources) {
        for (CodeableConcept c : mr.getCategory()) {
            for (Coding coding : c.getCoding()) {
                if (CATEGORY_SYSTEM.equals(coding.getSystem()) || !coding.hasSystem()) {
                    String code = coding.getCode() == null ? "" : coding.getCode();
                    if (code.equals("inpatient")) {
                        return PatientClass.INPATIENT;
                    }
                    if (code.equals("outpatient") || code.equals("community") || code.equals("discharge")) {
                        return PatientClass.OUTPATIENT;
                    }
                }
            }
        }
        if (mr.hasEncounter() && resources.get(key(mr.getEncounter())) instanceof Encounter e && e.hasClass_()) {
            return switch (e.getClass_().getCode()) {
                case "EMER" -> PatientClass.EMERGENCY;
                case "IMP", "ACUTE", "NONAC" -> PatientClass.INPATIENT;
                default -> PatientClass.OUTPATIENT;
            };
        }
        return PatientClass.OUTPATIENT;
    }

    /** A frequency code of Frequencies: the timing's code, else derived from repeat.frequency per period. */
    static String frequency(Timing timing) {
        if (timing == null || timing.isEmpty()) {
            return null;
        }
        if (timing.hasCode()) {
            String code = firstCode(timing.getCode());
            if (code != null && Frequencies.perDay(code) != null) {
                return code.toUpperCase(Locale.ROOT);
            }
        }
        if (timing.hasRepeat()
                && timing.getRepeat().hasFrequency()
                && timing.getRepeat().hasPeriod()) {
            Timing.TimingRepeatComponent r = timing.getRepeat();
            if (r.getPeriodUnit() == Timing.UnitsOfTime.D && r.getPeriod().intValue() == 1) {
                return switch (r.getFrequency()) {
                    case 1 -> "QD";
                    case 2 -> "BID";
                    case 3 -> "TID";
                    case 4 -> "QID";
                    default -> null;
                };
            }
            if (r.getPeriodUnit() == Timing.UnitsOfTime.H && r.getFrequency() == 1) {
                return "Q" + r.getPeriod().intValue() + "H";
            }
        }
        return null;
    }

    static LineStatus status(MedicationRequest.MedicationRequestStatus status) {
        if (status == null) {
            return LineStatus.ACTIVE;
        }
        return switch (status) {
            case CANCELLED, ENTEREDINERROR -> LineStatus.CANCELLED;
            case STOPPED, COMPLETED -> LineStatus.DISCONTINUED;
            default -> LineStatus.ACTIVE;
        };
    }

    static String placer(MedicationRequest mr) {
        for (Identifier i : mr.getIdentifier()) {
            if (i.hasType() && "PLAC".equals(firstCode(i.getType())) && i.hasValue()) {
                return i.getValue();
            }
        }
        return mr.getIdentifier().stream()
                .filter(Identifier::hasValue)
                .map(Identifier::getValue)
                .findFirst()
                .orElse(mr.getIdElement().getIdPart());
    }

    static String firstCode(CodeableConcept c) {
        return c.getCoding().stream()
                .filter(Coding::hasCode)
                .map(Coding::getCode)
                .findFirst()
                .orElse(c.hasText() ? c.getText() : null);
    }

    static String codes(CodeableConcept c) {
        return c.getCoding().stream()
                .map(x -> (x.hasSystem() ? x.getSystem() + "|" : "") + x.getCode())
                .toList()
                .toString();
    }

    /** {@code Type/id} of a reference, without base URL or version. */
    static String key(Reference r) {
        return r.getReferenceElement().getResourceType() + "/"
                + r.getReferenceElement().getIdPart();
    }
}
