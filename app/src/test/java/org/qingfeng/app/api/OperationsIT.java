package org.qingfeng.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qingfeng.app.support.MllpTestClient.send;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.qingfeng.app.ops.FeedWatch;
import org.qingfeng.app.support.Hl7Messages;
import org.qingfeng.app.support.QingfengIT;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Health groups and Prometheus metrics. */
class OperationsIT extends QingfengIT {

    @Test
    void readinessIncludesDatabaseAndMllpListener() throws Exception {
        HttpResponse<String> r = get("/actuator/health/readiness", null, null);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(r.body());
        assertThat(body.path("status").asString()).isEqualTo("UP");
        assertThat(body.path("components").path("db").path("status").asString()).isEqualTo("UP");
        assertThat(body.path("components").path("mllp").path("status").asString())
                .isEqualTo("UP");
        assertThat(get("/actuator/health/liveness", null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void prometheusExposesIngestAndAlertMetrics() throws Exception {
        send(MLLP_PORT, Hl7Messages.longRde(Hl7Messages.controlId()));
        org.awaitility.Awaitility.await().untilAsserted(() -> {
            String metrics = get("/actuator/prometheus", "it", "it-password").body();
            assertThat(metrics)
                    .contains("qingfeng_messages_received_total{")
                    .contains("outcome=\"accepted\"")
                    .contains("type=\"RDE^O11\"")
                    .contains("qingfeng_ingest_latency_seconds_bucket")
                    .contains("qingfeng_alerts_raised_total{")
                    .contains("rule=\"RX_SUPPLY_DAYS_EXCEEDED\"");
        });
    }

    @Autowired
    FeedWatch feedWatch;

    @Test
    void aFeedSilentInWorkingHoursRaisesFeedSilentForIt() throws Exception {
        // tomorrow 10:00 in Beijing: every feed has been silent for hours by then
        java.time.Instant tomorrowMorning = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"))
                .plusDays(1)
                .atTime(10, 0)
                .atZone(java.time.ZoneId.of("Asia/Shanghai"))
                .toInstant();
        assertThat(feedWatch.check(tomorrowMorning))
                .extracting(f -> f.subject().id())
                .contains("main", "secure");
        int before = count("SELECT COUNT(*) FROM alert WHERE rule_code = 'FEED_SILENT' AND subject_id = 'main'");
        assertThat(before).isPositive();
        feedWatch.check(tomorrowMorning.plusSeconds(60)); // the same silence: no second alert
        assertThat(count("SELECT COUNT(*) FROM alert WHERE rule_code = 'FEED_SILENT' AND subject_id = 'main'"))
                .isEqualTo(before);
        JsonNode forIt = json.readTree(get("/api/v1/alerts?rule=FEED_SILENT&subject=main", "it", "it-password")
                .body());
        assertThat(forIt.path("items").get(0).path("inbox").asString()).isEqualTo("IT");
        assertThat(forIt.path("items").get(0).path("subject").path("type").asString())
                .isEqualTo("FEED");
        // at night nothing is raised
        assertThat(feedWatch.check(tomorrowMorning.plusSeconds(14 * 3600))).isEmpty();
    }
}
