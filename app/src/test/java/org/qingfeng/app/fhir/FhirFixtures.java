package org.qingfeng.app.fhir;

import java.util.Date;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Timing;

/** MedicationRequests of the demo catalog and roster, as a HIS façade would publish them. */
final class FhirFixtures {
    private FhirFixtures() {}

    /** An outpatient order of {@code code}, {@code days} days at one a day, by D0001, for patient {@code patient}. */
    static MedicationRequest order(String id, String placer, String group, String code, int days, String patient) {
        MedicationRequest mr = new MedicationRequest();
        mr.setId(id);
        mr.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
        mr.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        mr.addIdentifier(new Identifier()
                .setType(new CodeableConcept()
                        .addCoding(new Coding("http://terminology.hl7.org/CodeSystem/v2-0203", "PLAC", null)))
                .setValue(placer));
        mr.setGroupIdentifier(new Identifier().setValue(group));
        mr.setSubject(new Reference("Patient/" + patient));
        mr.setRequester(new Reference().setIdentifier(new Identifier().setValue("D0001")));
        mr.setAuthoredOn(Date.from(java.time.Instant.parse("2026-11-20T01:25:00Z")));
        mr.addCategory(new CodeableConcept()
                .addCoding(new Coding(
                        "http://terminology.hl7.org/CodeSystem/medicationrequest-category", "outpatient", null)));
        mr.setMedication(new CodeableConcept().addCoding(new Coding("urn:oid:his-drug", code, null)));
        mr.addDosageInstruction()
                .setTiming(new Timing().setCode(new CodeableConcept().addCoding(new Coding(null, "QD", null))))
                .addDoseAndRate()
                .setDose(new Quantity().setValue(1).setUnit("片"));
        mr.getDispenseRequest()
                .setQuantity(new Quantity().setValue(days).setUnit("片"))
                .setExpectedSupplyDuration(
                        (Duration) new Duration().setValue(days).setUnit("d").setCode("d"));
        return mr;
    }
}
