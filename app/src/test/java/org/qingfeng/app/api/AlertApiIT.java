package org.qingfeng.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.qingfeng.app.support.MllpTestClient.ackCode;
import static org.qingfeng.app.support.MllpTestClient.send;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qingfeng.app.support.Hl7Messages;
import org.qingfeng.app.support.QingfengIT;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/alerts}: shape, filters, paging, transitions, roles and problem+json errors. */
class AlertApiIT extends QingfengIT {

    private long alertId;

    @BeforeEach
    void raiseOne() throws Exception {
        String id = Hl7Messages.controlId();
        assertThat(ackCode(send(MLLP_PORT, Hl7Messages.longRde(id)))).isEqualTo("AA");
        alertId = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> {
                            for (JsonNode item : adminGet("/api/v1/alerts?rule=RX_SUPPLY_DAYS_EXCEEDED&limit=500")
                                    .path("items")) {
                                if (item.path("evidence")
                                        .path("prescription")
                                        .path("number")
                                        .asString()
                                        .equals("RX" + id)) {
                                    return item.path("id").asLong();
                                }
                            }
                            return null;
                        },
                        v -> v != null);
    }

    @Test
    void listHasTheContractShape() throws Exception {
        JsonNode body = adminGet("/api/v1/alerts?limit=5");
        assertThat(body.has("items")).isTrue();
        assertThat(body.has("next")).isTrue();
        JsonNode item = body.path("items").get(0);
        for (String field : new String[] {
            "id", "rule", "severity", "status", "inbox", "subject", "title", "raisedAt", "justified", "evidence"
        }) {
            assertThat(item.has(field)).as(field).isTrue();
        }
        assertThat(item.path("subject").has("type")).isTrue();
        assertThat(item.path("subject").has("name")).isTrue();
    }

    @Test
    void filtersAndCursorPaging() throws Exception {
        // a second alert so that there are at least two pages of one
        String id = Hl7Messages.controlId();
        send(MLLP_PORT, Hl7Messages.longRde(id));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> adminGet("/api/v1/alerts?subject=D0001&limit=500")
                                .path("items")
                                .size()
                        >= 2);

        JsonNode first = adminGet("/api/v1/alerts?subject=D0001&status=NEW&limit=1");
        assertThat(first.path("items")).hasSize(1);
        String cursor = first.path("next").asString();
        assertThat(cursor).isNotBlank();
        JsonNode second = adminGet("/api/v1/alerts?subject=D0001&status=NEW&limit=1&cursor=" + cursor);
        assertThat(second.path("items").get(0).path("id").asLong())
                .isLessThan(first.path("items").get(0).path("id").asLong());

        assertThat(adminGet("/api/v1/alerts?rule=NO_SUCH_RULE").path("items")).isEmpty();
        assertThat(adminGet("/api/v1/alerts?since=2999-01-01T00:00:00Z").path("items"))
                .isEmpty();
        for (JsonNode item : adminGet("/api/v1/alerts?subject=D0001&limit=50").path("items")) {
            assertThat(item.path("subject").path("id").asString()).isEqualTo("D0001");
        }
    }

    @Test
    void detailCarriesEvidenceAndTransitionsWork() throws Exception {
        JsonNode alert = adminGet("/api/v1/alerts/" + alertId);
        assertThat(alert.path("evidence").path("limit").asInt()).isEqualTo(7);
        assertThat(alert.path("evidence").path("lines")).isNotEmpty();

        HttpResponse<String> ack = post(
                "/api/v1/alerts/" + alertId + "/transitions", "{\"to\":\"ACKNOWLEDGED\"}", "pharm", "pharm-password");
        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(json.readTree(ack.body()).path("status").asString()).isEqualTo("ACKNOWLEDGED");

        HttpResponse<String> noReason =
                post("/api/v1/alerts/" + alertId + "/transitions", "{\"to\":\"DISMISSED\"}", "pharm", "pharm-password");
        assertThat(noReason.statusCode()).isEqualTo(422);
        assertThat(noReason.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).contains("application/problem+json"));
        assertThat(json.readTree(noReason.body()).path("field").asString()).isEqualTo("reason");
        assertThat(json.readTree(noReason.body()).path("code").asString()).isEqualTo("reason-required");

        HttpResponse<String> dismissed = post(
                "/api/v1/alerts/" + alertId + "/transitions",
                "{\"to\":\"DISMISSED\",\"reason\":\"慢病长处方，已核实\"}",
                "pharm",
                "pharm-password");
        assertThat(dismissed.statusCode()).isEqualTo(200);

        HttpResponse<String> again = post(
                "/api/v1/alerts/" + alertId + "/transitions", "{\"to\":\"ACKNOWLEDGED\"}", "pharm", "pharm-password");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json.readTree(again.body()).path("code").asString()).isEqualTo("invalid-transition");

        JsonNode history = adminGet("/api/v1/alerts/" + alertId).path("transitions");
        assertThat(history).hasSize(2);
        assertThat(history.get(1).path("reason").asString()).isEqualTo("慢病长处方，已核实");
        assertThat(history.get(1).path("actor").asString()).isEqualTo("pharm");
    }

    @Test
    void rolesAreEnforced() throws Exception {
        assertThat(get("/api/v1/alerts", null, null).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/alerts", "pharm", "wrong").statusCode()).isEqualTo(401);
        // the auditor reads but may not change
        assertThat(get("/api/v1/alerts/" + alertId, "audit", "audit-password").statusCode())
                .isEqualTo(200);
        assertThat(post(
                                "/api/v1/alerts/" + alertId + "/transitions",
                                "{\"to\":\"ACKNOWLEDGED\"}",
                                "audit",
                                "audit-password")
                        .statusCode())
                .isEqualTo(403);
        // IT sees only the IT inbox: a pharmacy alert does not exist for it
        assertThat(get("/api/v1/alerts/" + alertId, "it", "it-password").statusCode())
                .isEqualTo(404);
        assertThat(json.readTree(get("/api/v1/alerts", "it", "it-password").body())
                        .path("items"))
                .isEmpty();
        // the discipline office works every inbox
        assertThat(post(
                                "/api/v1/alerts/" + alertId + "/transitions",
                                "{\"to\":\"ACKNOWLEDGED\"}",
                                "disc",
                                "disc-password")
                        .statusCode())
                .isEqualTo(200);
        // reference data and dead letters are IT's
        assertThat(get("/api/v1/dead-letters", "pharm", "pharm-password").statusCode())
                .isEqualTo(403);
        assertThat(putCsv("/api/v1/reference/drugs", "code\n".getBytes(), "disc", "disc-password")
                        .statusCode())
                .isEqualTo(403);
        assertThat(get("/actuator/prometheus", "pharm", "pharm-password").statusCode())
                .isEqualTo(403);
    }

    @Test
    void badParametersAreProblems() throws Exception {
        HttpResponse<String> r = get("/api/v1/alerts?status=MAYBE", "admin", ADMIN_PASSWORD);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json.readTree(r.body()).path("field").asString()).isEqualTo("status");
        assertThat(get("/api/v1/alerts?cursor=garbage", "admin", ADMIN_PASSWORD).statusCode())
                .isEqualTo(400);
        assertThat(get("/api/v1/alerts?limit=0", "admin", ADMIN_PASSWORD).statusCode())
                .isEqualTo(400);
        assertThat(get("/api/v1/alerts/999999999", "admin", ADMIN_PASSWORD).statusCode())
                .isEqualTo(404);
        HttpResponse<String> badJson =
                post("/api/v1/alerts/" + alertId + "/transitions", "{not json", "admin", ADMIN_PASSWORD);
        assertThat(badJson.statusCode()).isEqualTo(400);
        assertThat(json.readTree(badJson.body()).path("code").asString()).isEqualTo("unreadable-body");
    }
}
