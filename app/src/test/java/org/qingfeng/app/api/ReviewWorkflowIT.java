package org.qingfeng.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.qingfeng.app.support.Hl7Messages;
import org.qingfeng.app.support.QingfengIT;
import tools.jackson.databind.JsonNode;

/** The pharmacy review of prescription warnings, the prescriber's justification, and the §46 escalation. */
class ReviewWorkflowIT extends QingfengIT {

    /** A supply-days warning (14 days outpatient) on a prescription of this prescriber. */
    private long warning(String prescriber) throws Exception {
        String id = Hl7Messages.controlId();
        String msg =
                Hl7Messages.rde(id, "2.5", prescriber, Hl7Messages.line(id + "-1", "Y00061^氨氯地平片", "28", "BID", "14"));
        return alertFor(msg, id, "RX_SUPPLY_DAYS_EXCEEDED");
    }

    private HttpResponse<String> review(long alert, String body, String user) throws Exception {
        return post("/api/v1/alerts/" + alert + "/review", body, user, user + "-password");
    }

    private int escalations(String prescriber) {
        return count(
                "SELECT COUNT(*) FROM alert WHERE rule_code = 'RX_REPEATED_IRRATIONAL' AND subject_id = ?", prescriber);
    }

    @Test
    void onlyPharmacistsReviewAndTheDisciplineOfficeReads() throws Exception {
        long alert = warning("D0011^甲^医生");
        String body = "{\"action\":\"REASONABLE\",\"note\":\"短期出差\"}";
        assertThat(review(alert, body, "disc").statusCode()).isEqualTo(403);
        assertThat(review(alert, body, "audit").statusCode()).isEqualTo(403);
        assertThat(review(alert, body, "it").statusCode()).isEqualTo(403);
        HttpResponse<String> ok = review(alert, body, "pharm");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(json.readTree(ok.body()).path("status").asString()).isEqualTo("DISMISSED");
        // a decided warning is not decided twice
        HttpResponse<String> again = review(alert, body, "pharm");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        // the discipline office reads the decision and the audit trail
        JsonNode seen = json.readTree(
                get("/api/v1/alerts/" + alert, "disc", "disc-password").body());
        assertThat(seen.path("review").path("status").asString()).isEqualTo("REASONABLE");
        JsonNode trail = json.readTree(get("/api/v1/alerts/" + alert + "/reviews", "disc", "disc-password")
                .body());
        assertThat(trail).hasSize(1);
        assertThat(trail.get(0).path("actor").asString()).isEqualTo("pharm");
        assertThat(trail.get(0).path("action").asString()).isEqualTo("REASONABLE");
        assertThat(trail.get(0).path("at").asString()).isNotBlank();
    }

    @Test
    void irrationalNeedsAKnownCategory() throws Exception {
        long alert = warning("D0012^乙^医生");
        HttpResponse<String> none = review(alert, "{\"action\":\"IRRATIONAL\"}", "pharm");
        assertThat(none.statusCode()).isEqualTo(422);
        assertThat(json.readTree(none.body()).path("field").asString()).isEqualTo("category");
        HttpResponse<String> bad = review(alert, "{\"action\":\"IRRATIONAL\",\"category\":\"WRONG\"}", "pharm");
        assertThat(bad.statusCode()).isEqualTo(422);
        HttpResponse<String> badAction = review(alert, "{\"action\":\"MAYBE\"}", "pharm");
        assertThat(badAction.statusCode()).isEqualTo(400);
        assertThat(json.readTree(badAction.body()).path("field").asString()).isEqualTo("action");
    }

    @Test
    void sentBackJustifiedThenAccepted() throws Exception {
        long alert = warning("D0013^丙^医生");
        assertThat(review(alert, "{\"action\":\"RETURN\"}", "pharm").statusCode())
                .as("sending back needs a note")
                .isEqualTo(422);
        HttpResponse<String> returned = review(alert, "{\"action\":\"RETURN\",\"note\":\"请说明14天用量理由\"}", "pharm");
        assertThat(json.readTree(returned.body()).path("review").path("status").asString())
                .isEqualTo("RETURNED");
        // the head of department enters the prescriber's answer; the warning is back in the pharmacist's queue
        HttpResponse<String> justified = post(
                "/api/v1/alerts/" + alert + "/justification", "{\"text\":\"患者赴外地两周，无法复诊\"}", "head", "head-password");
        assertThat(justified.statusCode()).isEqualTo(200);
        JsonNode j = json.readTree(justified.body());
        assertThat(j.path("review").path("status").asString()).isEqualTo("JUSTIFIED");
        assertThat(j.path("justified").asBoolean()).isTrue();
        JsonNode queue = json.readTree(get(
                        "/api/v1/alerts?inbox=PHARMACY&review=PENDING,RETURNED,JUSTIFIED&prescriber=D0013",
                        "pharm",
                        "pharm-password")
                .body());
        assertThat(queue.path("items"))
                .anySatisfy(i -> assertThat(i.path("id").asLong()).isEqualTo(alert));
        review(alert, "{\"action\":\"REASONABLE\",\"note\":\"理由成立\"}", "pharm");
        JsonNode trail = json.readTree(get("/api/v1/alerts/" + alert + "/reviews", "pharm", "pharm-password")
                .body());
        assertThat(trail)
                .extracting(t -> t.path("action").asString())
                .containsExactly("RETURN", "JUSTIFY", "REASONABLE");
        assertThat(trail).extracting(t -> t.path("actor").asString()).containsExactly("pharm", "head", "pharm");
        JsonNode detail = json.readTree(
                get("/api/v1/alerts/" + alert, "pharm", "pharm-password").body());
        assertThat(detail.path("review").path("prescriberJustification").asString())
                .isEqualTo("患者赴外地两周，无法复诊");
    }

    @Test
    void escalationAtTheThirdIrrationalPrescriptionAndAtTheSecondAfterRestriction() throws Exception {
        String doctor = "D0014";
        String irrational = "{\"action\":\"IRRATIONAL\",\"category\":\"EXCESSIVE\",\"note\":\"超常处方\"}";
        for (int i = 1; i <= 2; i++) {
            assertThat(review(warning(doctor + "^丁^医生"), irrational, "pharm").statusCode())
                    .isEqualTo(200);
        }
        // a NONSTANDARD one does not count under §46 by default
        assertThat(review(
                                warning(doctor + "^丁^医生"),
                                "{\"action\":\"IRRATIONAL\",\"category\":\"NONSTANDARD\"}",
                                "pharm")
                        .statusCode())
                .isEqualTo(200);
        assertThat(escalations(doctor)).isZero();

        review(warning(doctor + "^丁^医生"), irrational, "pharm");
        assertThat(escalations(doctor)).isEqualTo(1);
        JsonNode first = json.readTree(
                get("/api/v1/alerts?rule=RX_REPEATED_IRRATIONAL&subject=" + doctor, "disc", "disc-password")
                        .body());
        JsonNode e1 = first.path("items").get(0);
        assertThat(e1.path("inbox").asString()).isEqualTo("DISCIPLINE");
        assertThat(e1.path("severity").asString()).isEqualTo("HIGH");
        assertThat(e1.path("evidence").path("recommendation").asString()).isEqualTo("WARN_AND_RESTRICT");
        assertThat(e1.path("evidence").path("reviews")).hasSize(3);
        // pharmacists do not see the discipline inbox
        assertThat(json.readTree(get("/api/v1/alerts/" + e1.path("id").asLong(), "pharm", "pharm-password")
                                .body())
                        .path("status")
                        .asInt())
                .isEqualTo(404);

        // a 4th does not raise a second escalation in the same state
        review(warning(doctor + "^丁^医生"), irrational, "pharm");
        assertThat(escalations(doctor)).isEqualTo(1);

        // the discipline office records the restriction; pharmacists may not
        assertThat(putJson(
                                "/api/v1/prescribers/" + doctor + "/privilege",
                                "{\"state\":\"RESTRICTED\",\"reason\":\"院纪委决定\"}",
                                "pharm",
                                "pharm-password")
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> restricted = putJson(
                "/api/v1/prescribers/" + doctor + "/privilege",
                "{\"state\":\"RESTRICTED\",\"reason\":\"院纪委决定：警告并限制处方权\"}",
                "disc",
                "disc-password");
        assertThat(restricted.statusCode()).isEqualTo(200);
        assertThat(json.readTree(restricted.body()).path("state").asString()).isEqualTo("RESTRICTED");
        assertThat(json.readTree(restricted.body())
                        .path("irrationalSinceStateChange")
                        .asInt())
                .isZero();

        review(warning(doctor + "^丁^医生"), irrational, "pharm");
        assertThat(escalations(doctor)).isEqualTo(1);
        review(warning(doctor + "^丁^医生"), irrational, "pharm");
        assertThat(escalations(doctor)).isEqualTo(2);
        JsonNode second = json.readTree(
                        get("/api/v1/alerts?rule=RX_REPEATED_IRRATIONAL&subject=" + doctor, "disc", "disc-password")
                                .body())
                .path("items")
                .get(0);
        assertThat(second.path("evidence").path("recommendation").asString()).isEqualTo("REVOKE");
        assertThat(second.path("evidence").path("reviews")).hasSize(2);

        JsonNode privilege =
                json.readTree(get("/api/v1/prescribers/" + doctor + "/privilege", "pharm", "pharm-password")
                        .body());
        assertThat(privilege.path("state").asString()).isEqualTo("RESTRICTED");
        assertThat(privilege.path("history")).hasSize(1);
        assertThat(privilege.path("irrationalSinceStateChange").asInt()).isEqualTo(2);
    }

    @Test
    void bulkReviewAnswersEachAlert() throws Exception {
        long a = warning("D0015^戊^医生");
        long b = warning("D0015^戊^医生");
        HttpResponse<String> r = post(
                "/api/v1/alerts/reviews",
                "{\"ids\":[" + a + "," + b + ",987654321],\"action\":\"REASONABLE\",\"note\":\"批量\"}",
                "pharm",
                "pharm-password");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode results = json.readTree(r.body()).path("results");
        assertThat(results).hasSize(3);
        assertThat(results.get(0).path("ok").asBoolean()).isTrue();
        assertThat(results.get(1).path("ok").asBoolean()).isTrue();
        assertThat(results.get(2).path("ok").asBoolean()).isFalse();
        assertThat(results.get(2).path("code").asString()).isEqualTo("alert-not-found");
        assertThat(count("SELECT COUNT(*) FROM rx_review WHERE alert_id IN (?, ?) AND actor = 'pharm'", a, b))
                .isEqualTo(2);
    }

    @Test
    void queueFiltersByDepartmentPrescriberAndDate() throws Exception {
        long alert = warning("D0016^己^医生");
        String base = "/api/v1/alerts?inbox=PHARMACY&review=PENDING";
        JsonNode byDept = json.readTree(get(
                        base + "&department=CARD&prescriber=D0016&since=2020-01-01&until=2099-12-31",
                        "pharm",
                        "pharm-password")
                .body());
        assertThat(byDept.path("items")).extracting(i -> i.path("id").asLong()).contains(alert);
        assertThat(byDept.path("items").get(0).path("department").asString()).isEqualTo("CARD");
        JsonNode otherDept = json.readTree(get(base + "&department=ORTH&prescriber=D0016", "pharm", "pharm-password")
                .body());
        assertThat(otherDept.path("items")).isEmpty();
        JsonNode past = json.readTree(get(base + "&prescriber=D0016&until=2020-01-01", "pharm", "pharm-password")
                .body());
        assertThat(past.path("items")).isEmpty();
        assertThat(get(base + "&review=SOMETIMES", "pharm", "pharm-password").statusCode())
                .isEqualTo(400);
    }
}
