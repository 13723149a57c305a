package org.qingfeng.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.net.http.HttpResponse;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Timing;
import org.junit.jupiter.api.Test;
import org.qingfeng.app.support.Hl7Messages;
import org.qingfeng.app.support.QingfengIT;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The synchronous check API and the CDS Hooks order-sign service, over real HTTP. */
class CheckApiIT extends QingfengIT {

    private final FhirContext fhir = FhirContext.forR4();

    private static String line(String item, int qty, int days) {
        return "{\"itemCode\":\"" + item + "\",\"dose\":1,\"doseUnit\":\"片\",\"quantity\":" + qty
                + ",\"quantityUnit\":\"片\",\"frequency\":\"QD\",\"daysSupply\":" + days + ",\"route\":\"PO\"}";
    }

    @Test
    void checkAnswersFindingsWithoutRaisingAlerts() throws Exception {
        // five lines: two of one ATC class (C08CA: amlodipine and nifedipine), one over the 7-day outpatient limit
        String no = "CHK" + Hl7Messages.controlId();
        String body =
                "{\"prescriptionNo\":\"" + no + "\",\"patientId\":\"MRN-CHECK-1\",\"patientClass\":\"OUTPATIENT\","
                        + "\"prescriberId\":\"D0001\",\"lines\":["
                        + String.join(
                                ",",
                                line("Y00061", 7, 7),
                                line("Y00064", 7, 7),
                                line("Y00067", 14, 14),
                                line("Y00001", 7, 7),
                                line("Y00118", 1, 1))
                        + "]}";
        HttpResponse<String> r = post("/api/v1/prescriptions/check", body, "pharm", "pharm-password");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode answer = json.readTree(r.body());
        assertThat(answer.path("prescription").asString()).isEqualTo("QF-HOSP:" + no);
        List<String> rules = answer.path("findings")
                .valueStream()
                .map(f -> f.path("rule").asString())
                .toList();
        assertThat(rules).contains("RX_SUPPLY_DAYS_EXCEEDED", "RX_DUPLICATE_THERAPY", "RX_NO_INDICATION");
        JsonNode dup = answer.path("findings")
                .valueStream()
                .filter(f -> f.path("rule").asString().equals("RX_DUPLICATE_THERAPY"))
                .findFirst()
                .orElseThrow();
        assertThat(dup.path("evidence").path("classes").get(0).path("atcClass").asString())
                .isEqualTo("C08CA");
        assertThat(count("SELECT COUNT(*) FROM alert WHERE scope = ?", "RX:QF-HOSP:" + no))
                .isZero();
    }

    @Test
    void checkSeesThePatientsRunningOrdersFromTheFeed() throws Exception {
        // the patient already has amlodipine for 14 days from an HL7 order (PID-3 MRN<id>, authority QF-HOSP)
        String id = Hl7Messages.controlId();
        alertFor(Hl7Messages.longRde(id), id, "RX_SUPPLY_DAYS_EXCEEDED");
        String body =
                "{\"prescriptionNo\":\"CHK" + id + "\",\"patientId\":\"MRN" + id + "\",\"prescriberId\":\"D0001\","
                        + "\"orderedAt\":\"2026-11-21T02:00:00Z\",\"lines\":[" + line("Y00064", 7, 7) + "]}";
        JsonNode answer = json.readTree(post("/api/v1/prescriptions/check", body, "pharm", "pharm-password")
                .body());
        JsonNode dup = answer.path("findings")
                .valueStream()
                .filter(f -> f.path("rule").asString().equals("RX_DUPLICATE_THERAPY"))
                .findFirst()
                .orElseThrow();
        assertThat(dup.path("evidence")
                        .path("classes")
                        .get(0)
                        .path("otherOrders")
                        .get(0)
                        .path("prescription")
                        .asString())
                .isEqualTo("QF-HOSP:RX" + id);
    }

    @Test
    void badCheckRequestsAreProblems() throws Exception {
        HttpResponse<String> unknown = post(
                "/api/v1/prescriptions/check",
                "{\"prescriberId\":\"D0001\",\"lines\":[" + line("NOPE", 1, 1) + "]}",
                "pharm",
                "pharm-password");
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(json.readTree(unknown.body()).path("field").asString()).isEqualTo("lines[0].itemCode");
        HttpResponse<String> noLines =
                post("/api/v1/prescriptions/check", "{\"prescriberId\":\"D0001\"}", "pharm", "pharm-password");
        assertThat(noLines.statusCode()).isEqualTo(400);
        assertThat(post("/api/v1/prescriptions/check", "{not json", "pharm", "pharm-password")
                        .statusCode())
                .isEqualTo(400);
        assertThat(post("/api/v1/prescriptions/check", "{}", null, null).statusCode())
                .isEqualTo(401);
    }

    @Test
    void cdsDiscoveryListsTheOrderSignService() throws Exception {
        HttpResponse<String> r = get("/cds-services", null, null);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode service = json.readTree(r.body()).path("services").get(0);
        assertThat(service.path("hook").asString()).isEqualTo("order-sign");
        assertThat(service.path("id").asString()).isEqualTo("qingfeng-order-sign");
        assertThat(service.path("description").asString()).isNotBlank();
    }

    private ObjectNode hookRequest(Bundle drafts) {
        ObjectNode req = json.createObjectNode();
        req.put("hook", "order-sign");
        req.put("hookInstance", java.util.UUID.randomUUID().toString());
        ObjectNode ctx = req.putObject("context");
        ctx.put("userId", "Practitioner/D0001");
        ctx.put("patientId", "CDS-PATIENT-1");
        ctx.set("draftOrders", json.readTree(fhir.newJsonParser().encodeResourceToString(drafts)));
        return req;
    }

    private static MedicationRequest draft(String id, String code, int days) {
        MedicationRequest mr = new MedicationRequest();
        mr.setId(id);
        mr.setStatus(MedicationRequest.MedicationRequestStatus.DRAFT);
        mr.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        mr.addIdentifier(new Identifier().setValue(id));
        mr.setGroupIdentifier(new Identifier().setValue("CDS-RX-1"));
        mr.setMedication(new CodeableConcept().addCoding(new Coding("urn:oid:qingfeng-demo", code, null)));
        mr.setSubject(new Reference("Patient/CDS-PATIENT-1"));
        mr.setAuthoredOn(new Date());
        mr.addCategory(new CodeableConcept()
                .addCoding(new Coding(
                        "http://terminology.hl7.org/CodeSystem/medicationrequest-category", "outpatient", null)));
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

    @Test
    void orderSignReturnsValidCards() throws Exception {
        Bundle drafts = new Bundle().setType(Bundle.BundleType.COLLECTION);
        drafts.addEntry().setResource(draft("MR1", "Y00061", 30));
        drafts.addEntry().setResource(draft("MR2", "Y00142", 1)); // morphine injection by a junior without privilege
        HttpResponse<String> r = post(
                "/cds-services/qingfeng-order-sign",
                json.writeValueAsString(hookRequest(drafts)),
                "pharm",
                "pharm-password");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode cards = json.readTree(r.body()).path("cards");
        assertThat(cards.size()).isGreaterThanOrEqualTo(2);
        for (JsonNode card : cards) {
            assertThat(card.path("summary").asString()).isNotBlank().hasSizeLessThanOrEqualTo(140);
            assertThat(card.path("indicator").asString()).isIn("info", "warning", "critical");
            assertThat(card.path("source").path("label").asString()).isNotBlank();
            assertThat(card.path("uuid").asString()).isNotBlank();
        }
        assertThat(cards.valueStream()
                        .map(c -> c.path("source").path("topic").path("code").asString()))
                .contains("RX_SUPPLY_DAYS_EXCEEDED", "RX_CONTROLLED_PRIVILEGE");
        JsonNode privilege = cards.valueStream()
                .filter(c ->
                        c.path("source").path("topic").path("code").asString().equals("RX_CONTROLLED_PRIVILEGE"))
                .findFirst()
                .orElseThrow();
        assertThat(privilege.path("indicator").asString()).isEqualTo("critical");
        assertThat(count("SELECT COUNT(*) FROM alert WHERE scope = ?", "RX:QF-HOSP:CDS-RX-1"))
                .isZero();
    }

    @Test
    void malformedHookRequestsAre400WithAClearMessage() throws Exception {
        HttpResponse<String> notJson =
                post("/cds-services/qingfeng-order-sign", "{\"hook\":", "pharm", "pharm-password");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(json.readTree(notJson.body()).path("detail").asString()).contains("not valid JSON");

        ObjectNode wrongHook = hookRequest(new Bundle());
        wrongHook.put("hook", "patient-view");
        HttpResponse<String> hook = post(
                "/cds-services/qingfeng-order-sign", json.writeValueAsString(wrongHook), "pharm", "pharm-password");
        assertThat(hook.statusCode()).isEqualTo(400);
        assertThat(json.readTree(hook.body()).path("field").asString()).isEqualTo("hook");

        ObjectNode notABundle = hookRequest(new Bundle());
        ((ObjectNode) notABundle.path("context")).set("draftOrders", json.readTree("{\"resourceType\":\"Patient\"}"));
        HttpResponse<String> bundle = post(
                "/cds-services/qingfeng-order-sign", json.writeValueAsString(notABundle), "pharm", "pharm-password");
        assertThat(bundle.statusCode()).isEqualTo(400);
        assertThat(json.readTree(bundle.body()).path("detail").asString()).contains("expected a Bundle");

        ObjectNode broken = hookRequest(new Bundle());
        ((ObjectNode) broken.path("context"))
                .set("draftOrders", json.readTree("{\"resourceType\":\"Bundle\",\"entry\":\"not-a-list\"}"));
        HttpResponse<String> parse =
                post("/cds-services/qingfeng-order-sign", json.writeValueAsString(broken), "pharm", "pharm-password");
        assertThat(parse.statusCode()).isEqualTo(400);
        assertThat(json.readTree(parse.body()).path("field").asString()).isEqualTo("context.draftOrders");

        assertThat(post("/cds-services/qingfeng-order-sign", "{}", null, null).statusCode())
                .isEqualTo(401);
    }
}
