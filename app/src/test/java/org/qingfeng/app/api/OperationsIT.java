package org.qingfeng.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qingfeng.app.support.MllpTestClient.send;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.qingfeng.app.support.Hl7Messages;
import org.qingfeng.app.support.QingfengIT;
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
}
