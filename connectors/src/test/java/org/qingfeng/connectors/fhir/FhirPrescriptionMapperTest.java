package org.qingfeng.connectors.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Timing;
import org.junit.jupiter.api.Test;
import org.qingfeng.config.reference.Drug;
import org.qingfeng.config.reference.StaffMember;
import org.qingfeng.config.reference.StaffRole;
import org.qingfeng.config.reference.TitleLevel;
import org.qingfeng.connectors.privacy.PatientPseudonymizer;
import org.qingfeng.monitors.InMemoryReferenceData;
import org.qingfeng.monitors.event.LineStatus;
import org.qingfeng.monitors.event.PatientClass;
import org.qingfeng.monitors.event.Prescription;
import org.qingfeng.monitors.event.PrescriptionLine;

/** The MedicationRequest mapping of interfaces.md §2. */
class FhirPrescriptionMapperTest {

    private static Drug drug(String code) {
        return new Drug(
                code,
                "药" + code,
                null,
                null,
                "TABLET",
                "片",
                BigDecimal.ONE,
                null,
                null,
                false,
                false,
                List.of(),
                false,
                null,
                null);
    }

    private final PatientPseudonymizer pseudonymizer =
            new PatientPseudonymizer("unit-test-key-0123456789".getBytes(StandardCharsets.UTF_8));
    private final FhirPrescriptionMapper mapper = new FhirPrescriptionMapper(
            InMemoryReferenceData.of(
                    List.of(drug("Y1"), drug("Y2")),
                    List.of(new StaffMember(
                            "D9", "钱九", "RESP", "呼吸科", TitleLevel.SENIOR, StaffRole.PHYSICIAN, null, false, List.of())),
                    List.of()),
            pseudonymizer,
            null);

    private static MedicationRequest request(String id, String code) {
        MedicationRequest mr = new MedicationRequest();
        mr.setId(id);
        mr.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
        mr.addIdentifier(new Identifier().setValue("PL-" + id));
        mr.setGroupIdentifier(new Identifier().setValue("RX-1"));
        mr.setSubject(new Reference("Patient/MRN7"));
        mr.setRequester(new Reference().setIdentifier(new Identifier().setValue("D9")));
        mr.setAuthoredOn(Date.from(java.time.Instant.parse("2026-11-20T01:25:00Z")));
        mr.setMedication(new CodeableConcept()
                .addCoding(new Coding("urn:other", "X-UNKNOWN", null))
                .addCoding(new Coding("urn:local", code, null)));
        mr.addDosageInstruction()
                .setTiming(new Timing()
                        .setRepeat(new Timing.TimingRepeatComponent()
                                .setFrequency(2)
                                .setPeriod(1)
                                .setPeriodUnit(Timing.UnitsOfTime.D)))
                .addDoseAndRate()
                .setDose(new Quantity().setValue(1).setUnit("片"));
        mr.getDispenseRequest().setQuantity(new Quantity().setValue(28).setUnit("片"));
        mr.addReasonCode(new CodeableConcept().addCoding(new Coding("http://hl7.org/fhir/sid/icd-10", "I10", null)));
        return mr;
    }

    @Test
    void requestsOfOneGroupAreOnePrescription() {
        MedicationRequest a = request("1", "Y1");
        MedicationRequest b = request("2", "Y2");
        b.addNote().setText("JUST: 出差两周");
        b.getDispenseRequest()
                .setExpectedSupplyDuration((Duration) new Duration().setValue(2).setCode("wk"));
        FhirPrescriptionMapper.Result r = mapper.map(List.of(a, b), Map.of(), "QF-HOSP", "QF-HOSP");

        assertThat(r.ok()).isTrue();
        Prescription rx = r.prescriptions().get(0);
        assertThat(r.prescriptions()).hasSize(1);
        assertThat(rx.key()).isEqualTo("QF-HOSP:RX-1");
        assertThat(rx.prescriberId()).isEqualTo("D9");
        assertThat(rx.departmentCode()).isEqualTo("RESP");
        assertThat(rx.patientClass()).isEqualTo(PatientClass.OUTPATIENT);
        assertThat(rx.patientKey()).isEqualTo(pseudonymizer.pseudonym("QF-HOSP", "MRN7"));
        PrescriptionLine first = rx.lines().get(0);
        assertThat(first.placerOrderNo()).isEqualTo("PL-1");
        assertThat(first.itemCode()).isEqualTo("Y1");
        assertThat(first.frequency()).isEqualTo("BID");
        assertThat(first.daysSupply()).isEqualByComparingTo("14"); // 28 ÷ (1 × 2)
        assertThat(first.indication()).isEqualTo("I10");
        PrescriptionLine second = rx.lines().get(1);
        assertThat(second.daysSupply()).isEqualByComparingTo("14"); // 2 weeks
        assertThat(second.justification()).isEqualTo("出差两周");
    }

    @Test
    void referencedPractitionerMedicationAndEncounterAreResolved() {
        MedicationRequest mr = request("3", "Y1");
        mr.setRequester(new Reference("Practitioner/p-77"));
        mr.setMedication(new Reference("Medication/m-1"));
        mr.setEncounter(new Reference("Encounter/e-1"));
        mr.setStatus(MedicationRequest.MedicationRequestStatus.CANCELLED);
        Practitioner p = new Practitioner();
        p.setId("p-77");
        p.addIdentifier(new Identifier().setSystem("urn:national").setValue("110101"));
        p.addIdentifier(new Identifier().setSystem("urn:his").setValue("D9"));
        Medication m = new Medication();
        m.setId("m-1");
        m.setCode(new CodeableConcept().addCoding(new Coding("urn:local", "Y2", null)));
        Encounter e = new Encounter();
        e.setId("e-1");
        e.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "EMER", null));
        Map<String, Resource> resources = Map.of("Practitioner/p-77", p, "Medication/m-1", m, "Encounter/e-1", e);

        Prescription rx = mapper.map(List.of(mr), resources, "QF-HOSP", "QF-HOSP")
                .prescriptions()
                .get(0);
        assertThat(rx.prescriberId()).isEqualTo("D9"); // the identifier found in the roster
        assertThat(rx.lines().get(0).itemCode()).isEqualTo("Y2");
        assertThat(rx.patientClass()).isEqualTo(PatientClass.EMERGENCY);
        assertThat(rx.lines().get(0).status()).isEqualTo(LineStatus.CANCELLED);
    }

    @Test
    void unknownDrugAndMissingRequesterAreProblemsNamingTheElement() {
        MedicationRequest noDrug = request("4", "NOPE");
        MedicationRequest noRequester = request("5", "Y1");
        noRequester.setRequester(null);
        FhirPrescriptionMapper.Result r = mapper.map(List.of(noDrug, noRequester), Map.of(), "QF-HOSP", "QF-HOSP");
        assertThat(r.prescriptions()).isEmpty();
        assertThat(r.problems())
                .extracting(FhirPrescriptionMapper.Problem::element)
                .containsExactly("MedicationRequest[0].medication[x]", "MedicationRequest[1].requester");
        assertThat(r.problems().get(0).reason()).contains("urn:local|NOPE");
    }
}
