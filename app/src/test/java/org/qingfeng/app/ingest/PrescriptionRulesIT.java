package org.qingfeng.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.qingfeng.app.persistence.InboundMessageRepository;
import org.qingfeng.app.support.Hl7Messages;
import org.qingfeng.app.support.MllpTestClient;
import org.qingfeng.app.support.QingfengIT;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The per-prescription rules of issue 4 on orders arriving over MLLP, with the demo catalog and enterprise list. */
class PrescriptionRulesIT extends QingfengIT {

    @Autowired
    InboundMessageRepository messages;

    /** An order of this item for this patient (PID-3), 7 days, by D0001. */
    private static String order(String id, String mrn, String item) {
        return Hl7Messages.rde(id, "2.5", "D0001^赵^丽", Hl7Messages.line(id + "-1", item, "7", "QD", "7"))
                .replace("MRN" + id + "^", mrn + "^");
    }

    /** Sends, expects AA, and waits until the rules have run on the message. */
    private void sendEvaluated(String message, String controlId) throws Exception {
        assertThat(MllpTestClient.ackCode(MllpTestClient.send(MLLP_PORT, message)))
                .isEqualTo("AA");
        awaitStored(controlId);
        long id = jdbc.queryForObject("SELECT id FROM inbound_message WHERE control_id = ?", Long.class, controlId);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> messages.evaluatedThrough() >= id);
    }

    private int alerts(String controlId, String rule) {
        return count("SELECT COUNT(*) FROM alert WHERE scope = ? AND rule_code = ?", "RX:QF-HOSP:RX" + controlId, rule);
    }

    @Test
    void aSecondOrderOfTheSameClassForTheSamePatientIsADuplicate() throws Exception {
        String mrn = "MRN-DUP-" + Hl7Messages.controlId();
        String first = Hl7Messages.controlId();
        sendEvaluated(order(first, mrn, "Y00061^氨氯地平片"), first);
        assertThat(alerts(first, "RX_DUPLICATE_THERAPY")).isZero();

        String second = Hl7Messages.controlId();
        long dup = alertFor(order(second, mrn, "Y00064^硝苯地平控释片"), second, "RX_DUPLICATE_THERAPY");
        JsonNode cls = adminGet("/api/v1/alerts/" + dup)
                .path("evidence")
                .path("classes")
                .get(0);
        assertThat(cls.path("atcClass").asString()).isEqualTo("C08CA");
        assertThat(cls.path("otherOrders").get(0).path("prescription").asString())
                .isEqualTo("QF-HOSP:RX" + first);

        // another patient with the same drug has no duplicate
        String other = Hl7Messages.controlId();
        sendEvaluated(order(other, "MRN-DUP-OTHER-" + other, "Y00064^硝苯地平控释片"), other);
        assertThat(alerts(other, "RX_DUPLICATE_THERAPY")).isZero();
    }

    @Test
    void aProductOfABlacklistedEnterpriseGoesToTheDisciplineOffice() throws Exception {
        String id = Hl7Messages.controlId();
        long alert = alertFor(order(id, "MRN" + id, "Y00006^阿莫西林克拉维酸钾片"), id, "RX_BLACKLISTED_SUPPLIER");
        JsonNode a = adminGet("/api/v1/alerts/" + alert);
        assertThat(a.path("inbox").asString()).isEqualTo("DISCIPLINE");
        assertThat(a.path("evidence")
                        .path("enterprises")
                        .get(0)
                        .path("enterpriseCode")
                        .asString())
                .isEqualTo("E009");
        assertThat(a.has("review"))
                .as("discipline alerts are not in the pharmacy review")
                .isFalse();
        // pharmacists do not see it
        assertThat(get("/api/v1/alerts/" + alert, "pharm", "pharm-password").statusCode())
                .isEqualTo(404);
    }

    @Test
    void keyMonitoredDrugWithoutIndicationAndNonVbpChoice() throws Exception {
        String id = Hl7Messages.controlId();
        // pantoprazole injection is key-monitored (K25;K26;K92); the order carries no RXE-27
        long noIndication = alertFor(order(id, "MRN" + id, "Y00118^泮托拉唑钠注射剂"), id, "RX_NO_INDICATION");
        assertThat(adminGet("/api/v1/alerts/" + noIndication)
                        .path("review")
                        .path("status")
                        .asString())
                .isEqualTo("PENDING");
        String vbp = Hl7Messages.controlId();
        // amlodipine "规格二" is not VBP-selected; the selected Y00061 and Y00063 exist
        long nonVbp = alertFor(order(vbp, "MRN" + vbp, "Y00062^氨氯地平片（规格二）"), vbp, "RX_NON_VBP_CHOICE");
        JsonNode choice = adminGet("/api/v1/alerts/" + nonVbp)
                .path("evidence")
                .path("choices")
                .get(0);
        assertThat(choice.path("selectedAlternatives")
                        .valueStream()
                        .map(x -> x.path("code").asString()))
                .contains("Y00061", "Y00063");
    }

    @Test
    void enterpriseListImportIsAtomicAndValidated() throws Exception {
        byte[] bad = ("code,name,blacklisted,blacklisted_since,reason\n"
                        + "X1,甲企业,false,,\n"
                        + "X2,乙企业,true,2026-13-01,假日期\n")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = putCsv("/api/v1/reference/enterprises", bad, "it", "it-password");
        assertThat(r.statusCode()).isEqualTo(422);
        JsonNode problem = json.readTree(r.body());
        assertThat(problem.toString()).contains("blacklisted_since").contains("3");
        JsonNode list = json.readTree(
                get("/api/v1/reference/enterprises", "pharm", "pharm-password").body());
        assertThat(list.valueStream().map(e -> e.path("code").asString()))
                .contains("E009")
                .doesNotContain("X1");
        assertThat(putCsv("/api/v1/reference/enterprises", bad, "pharm", "pharm-password")
                        .statusCode())
                .isEqualTo(403);
    }
}
