package org.qingfeng.connectors.fhir;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.qingfeng.config.reference.Drug;
import org.qingfeng.config.reference.StaffMember;
import org.qingfeng.connectors.mapping.DaysSupply;
import org.qingfeng.connectors.privacy.PatientPseudonymizer;
import org.qingfeng.monitors.ReferenceData;
import org.qingfeng.monitors.event.PatientClass;
import org.qingfeng.monitors.event.Prescription;
import org.qingfeng.monitors.event.PrescriptionLine;

/**
 * Maps FHIR R4 MedicationRequests into the prescription events the HL7 v2 path produces (interfaces.md §2). Requests
 * sharing a {@code groupIdentifier} form one prescription. Referenced resources (Practitioner, PractitionerRole,
 * Medication, Encounter) are resolved from the resources given alongside, by {@code Type/id}.
 */
public final class FhirPrescriptionMapper {

    /** An element that could not be mapped, by FHIRPath-like location. */
    public record Problem(String element, String reason) {}

    public record Result(List<Prescription> prescriptions, List<Problem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private static final String JUSTIFICATION = "JUST";
    private static final String CHRONIC = "CHRONIC";

    private final ReferenceData reference;
    private final PatientPseudonymizer pseudonymizer;
    private final String drugCodeSystem;

    /** @param drugCodeSystem when set, only codings of this system are matched to the catalog */
    public FhirPrescriptionMapper(ReferenceData reference, PatientPseudonymizer pseudonymizer, String drugCodeSystem) {
        this.reference = reference;
        this.pseudonymizer = pseudonymizer;
        this.drugCodeSystem = drugCodeSystem;
    }

    /**
     * @param facility the sending facility these orders belong to (the FHIR source's, or the CDS client's)
     * @param patientIdAuthority the assigning authority of the patient ids (as PID-3.4 on the HL7 feed)
     * @param resources other resources of the bundle or hook request, by {@code Type/id}
     */
    public Result map(
            List<MedicationRequest> requests,
            Map<String, Resource> resources,
            String facility,
            String patientIdAuthority) {
        List<Problem> problems = new ArrayList<>();
        Map<String, List<Line>> groups = new LinkedHashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            MedicationRequest mr = requests.get(i);
            String at = "MedicationRequest[" + i + "]";
            Line line = line(mr, resources, at, patientIdAuthority, problems);
            if (line != null) {
                String group =
                        mr.hasGroupIdentifier() && mr.getGroupIdentifier().hasValue()
                                ? mr.getGroupIdentifier().getValue()
                                : line.line().placerOrderNo();
                groups.computeIfAbsent(group, k -> new ArrayList<>()).add(line);
            }
        }
        List<Prescription> prescriptions = new ArrayList<>();
        for (Map.Entry<String, List<Line>> g : groups.entrySet()) {
            Line first = g.getValue().get(0);
            prescriptions.add(new Prescription(
                    facility,
                    g.getKey(),
                    first.patientKey(),
                    first.patientClass(),
                    first.departmentCode(),
                    first.departmentName(),
                    first.prescriberId(),
                    first.prescriberName(),
                    first.orderedAt(),
                    g.getValue().stream().map(Line::line).toList()));
        }
        return new Result(prescriptions, problems);
    }

    /**
     * Maps dispenses: each takes prescriber, patient, class, prescription number and placer number from the order that
     * authorized it (found among {@code resources}), and item, quantity, days' supply and status from the dispense.
     */
    public Result mapDispenses(
            List<MedicationDispense> dispenses,
            Map<String, Resource> resources,
            String facility,
            String patientIdAuthority) {
        List<Problem> problems = new ArrayList<>();
        List<Prescription> prescriptions = new ArrayList<>();
        for (int i = 0; i < dispenses.size(); i++) {
            MedicationDispense md = dispenses.get(i);
            String at = "MedicationDispense[" + i + "]";
            Resource order = md.hasAuthorizingPrescription()
                    ? resources.get(FhirValues.key(md.getAuthorizingPrescriptionFirstRep()))
                    : null;
            if (!(order instanceof MedicationRequest mr)) {
                problems.add(new Problem(
                        at + ".authorizingPrescription", "the authorizing MedicationRequest cannot be read"));
                continue;
            }
            int before = problems.size();
            Line base = line(mr, resources, at + ".authorizingPrescription", patientIdAuthority, problems);
            CodeableConcept medication = md.hasMedicationCodeableConcept()
                    ? md.getMedicationCodeableConcept()
                    : md.hasMedicationReference()
                                    && resources.get(FhirValues.key(md.getMedicationReference()))
                                            instanceof Medication m
                            ? m.getCode()
                            : null;
            Optional<Drug> drug = drug(medication);
            if (drug.isEmpty()) {
                problems.add(new Problem(
                        at + ".medication[x]",
                        medication == null
                                ? "no medication code"
                                : "no coding of " + FhirValues.codes(medication) + " is in the drug catalog"));
            }
            if (problems.size() > before || base == null) {
                continue;
            }
            PrescriptionLine o = base.line();
            BigDecimal quantity = md.hasQuantity() ? md.getQuantity().getValue() : o.quantity();
            String unit = md.hasQuantity() ? md.getQuantity().getUnit() : o.quantityUnit();
            BigDecimal days = md.hasDaysSupply() && md.getDaysSupply().hasValue()
                    ? md.getDaysSupply().getValue()
                    : DaysSupply.of(null, null, o.dose(), o.doseUnit(), quantity, unit, o.frequency());
            PrescriptionLine line = new PrescriptionLine(
                    o.placerOrderNo(),
                    FhirValues.dispenseStatus(md.getStatus()),
                    drug.get().code(),
                    drug.get().name(),
                    o.dose(),
                    o.doseUnit(),
                    quantity,
                    unit,
                    o.frequency(),
                    days,
                    o.route(),
                    o.indication(),
                    o.justification(),
                    o.chronic());
            String group = mr.hasGroupIdentifier() && mr.getGroupIdentifier().hasValue()
                    ? mr.getGroupIdentifier().getValue()
                    : o.placerOrderNo();
            prescriptions.add(new Prescription(
                    facility,
                    group,
                    base.patientKey(),
                    base.patientClass(),
                    base.departmentCode(),
                    base.departmentName(),
                    base.prescriberId(),
                    base.prescriberName(),
                    md.hasWhenHandedOver() ? md.getWhenHandedOver().toInstant() : base.orderedAt(),
                    List.of(line)));
        }
        return new Result(prescriptions, problems);
    }

    private record Line(
            PrescriptionLine line,
            String patientKey,
            PatientClass patientClass,
            String departmentCode,
            String departmentName,
            String prescriberId,
            String prescriberName,
            Instant orderedAt) {}

    private Line line(
            MedicationRequest mr,
            Map<String, Resource> resources,
            String at,
            String patientIdAuthority,
            List<Problem> problems) {
        int before = problems.size();
        String prescriberId = prescriber(mr.getRequester(), resources);
        if (prescriberId == null) {
            problems.add(new Problem(at + ".requester", "no ordering provider (requester with an identifier)"));
        }
        Optional<StaffMember> staff = reference.staff(prescriberId);
        CodeableConcept medication = medication(mr, resources);
        Optional<Drug> drug = drug(medication);
        if (drug.isEmpty()) {
            problems.add(new Problem(
                    at + ".medication[x]",
                    medication == null
                            ? "no medication code"
                            : "no coding of " + FhirValues.codes(medication) + " is in the drug catalog"));
        }
        if (problems.size() > before) {
            return null;
        }
        String placer = FhirValues.placer(mr);
        Dosage dosage = mr.hasDosageInstruction() ? mr.getDosageInstructionFirstRep() : null;
        BigDecimal dose = null;
        String doseUnit = null;
        if (dosage != null
                && dosage.hasDoseAndRate()
                && dosage.getDoseAndRateFirstRep().hasDoseQuantity()) {
            dose = dosage.getDoseAndRateFirstRep().getDoseQuantity().getValue();
            doseUnit = dosage.getDoseAndRateFirstRep().getDoseQuantity().getUnit();
        }
        String frequency = dosage == null ? null : FhirValues.frequency(dosage.getTiming());
        BigDecimal quantity = null;
        String quantityUnit = null;
        String durationValue = null;
        String durationUnit = null;
        if (mr.hasDispenseRequest()) {
            MedicationRequest.MedicationRequestDispenseRequestComponent d = mr.getDispenseRequest();
            if (d.hasQuantity()) {
                quantity = d.getQuantity().getValue();
                quantityUnit = d.getQuantity().getUnit();
            }
            if (d.hasExpectedSupplyDuration()) {
                durationValue = d.getExpectedSupplyDuration().getValue().toPlainString();
                durationUnit = d.getExpectedSupplyDuration().hasCode()
                        ? d.getExpectedSupplyDuration().getCode()
                        : d.getExpectedSupplyDuration().getUnit();
            }
        }
        String route = dosage != null && dosage.hasRoute() ? FhirValues.firstCode(dosage.getRoute()) : null;
        String indication = mr.hasReasonCode() ? FhirValues.firstCode(mr.getReasonCodeFirstRep()) : null;
        String justification = null;
        boolean chronic = false;
        for (var note : mr.getNote()) {
            String text = note.getText() == null ? "" : note.getText().trim();
            if (text.toUpperCase(Locale.ROOT).startsWith(JUSTIFICATION)) {
                justification = text.substring(JUSTIFICATION.length()).replaceFirst("^[:：\\s]+", "");
            } else if (text.toUpperCase(Locale.ROOT).startsWith(CHRONIC)) {
                chronic = true;
            }
        }
        PrescriptionLine line = new PrescriptionLine(
                placer,
                FhirValues.status(mr.getStatus()),
                drug.get().code(),
                drug.get().name(),
                dose,
                doseUnit,
                quantity,
                quantityUnit,
                frequency,
                DaysSupply.of(durationValue, durationUnit, dose, doseUnit, quantity, quantityUnit, frequency),
                route,
                indication,
                justification,
                chronic);
        String patientId = mr.getSubject().getReferenceElement().getIdPart();
        return new Line(
                line,
                pseudonymizer.pseudonym(patientIdAuthority, patientId),
                FhirValues.patientClass(mr, resources),
                staff.map(StaffMember::departmentCode).orElse(null),
                staff.map(StaffMember::departmentName).orElse(null),
                prescriberId,
                staff.map(StaffMember::name).orElse(mr.getRequester().getDisplay()),
                mr.hasAuthoredOn() ? mr.getAuthoredOn().toInstant() : Instant.now());
    }

    /** The roster id: the requester's logical identifier, else the referenced Practitioner(Role)'s, else its id. */
    private String prescriber(Reference requester, Map<String, Resource> resources) {
        if (requester == null || requester.isEmpty()) {
            return null;
        }
        if (requester.hasIdentifier() && requester.getIdentifier().hasValue()) {
            return requester.getIdentifier().getValue();
        }
        if (!requester.hasReference()) {
            return null;
        }
        Resource r = resources.get(FhirValues.key(requester));
        if (r instanceof PractitionerRole role) {
            if (role.hasIdentifier()) {
                return rosterId(
                        role.getIdentifier(),
                        role.getPractitioner().getReferenceElement().getIdPart());
            }
            return prescriber(role.getPractitioner(), resources);
        }
        if (r instanceof Practitioner p) {
            return rosterId(p.getIdentifier(), p.getIdElement().getIdPart());
        }
        return requester.getReferenceElement().getIdPart();
    }

    /** The first identifier that names someone in the roster, else the first identifier, else the resource id. */
    private String rosterId(List<Identifier> identifiers, String fallback) {
        for (Identifier i : identifiers) {
            if (i.hasValue() && reference.staff(i.getValue()).isPresent()) {
                return i.getValue();
            }
        }
        return identifiers.stream()
                .filter(Identifier::hasValue)
                .map(Identifier::getValue)
                .findFirst()
                .orElse(fallback);
    }

    private CodeableConcept medication(MedicationRequest mr, Map<String, Resource> resources) {
        if (mr.hasMedicationCodeableConcept()) {
            return mr.getMedicationCodeableConcept();
        }
        if (mr.hasMedicationReference()
                && resources.get(FhirValues.key(mr.getMedicationReference())) instanceof Medication m
                && m.hasCode()) {
            return m.getCode();
        }
        return null;
    }

    private Optional<Drug> drug(CodeableConcept concept) {
        if (concept == null) {
            return Optional.empty();
        }
        for (Coding c : concept.getCoding()) {
            if (drugCodeSystem != null && !drugCodeSystem.equals(c.getSystem())) {
                continue;
            }
            Optional<Drug> d = reference.drug(c.getCode());
            if (d.isPresent()) {
                return d;
            }
        }
        return Optional.empty();
    }
}
