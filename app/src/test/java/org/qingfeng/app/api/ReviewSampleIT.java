package org.qingfeng.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qingfeng.app.support.Hl7Messages;
import org.qingfeng.app.support.QingfengIT;
import tools.jackson.databind.JsonNode;

/** The monthly 处方点评 sample: drawn from the month's stored orders, reproducible by seed, reviewed and audited. */
class ReviewSampleIT extends QingfengIT {

    @Test
    void drawReviewAndReproduce() throws Exception {
        // the test messages are dated 2026-11-20 (ORC-9)
        String id = Hl7Messages.controlId();
        alertFor(Hl7Messages.longRde(id), id, "RX_SUPPLY_DAYS_EXCEEDED");
        String month = "2026-11";

        assertThat(post("/api/v1/review-samples", "{\"month\":\"" + month + "\",\"seed\":7}", "disc", "disc-password")
                        .statusCode())
                .as("only pharmacists draw samples")
                .isEqualTo(403);
        assertThat(post("/api/v1/review-samples", "{\"month\":\"11/2026\"}", "pharm", "pharm-password")
                        .statusCode())
                .isEqualTo(400);

        HttpResponse<String> r =
                post("/api/v1/review-samples", "{\"month\":\"" + month + "\",\"seed\":7}", "pharm", "pharm-password");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode sample = json.readTree(r.body());
        assertThat(sample.path("seed").asLong()).isEqualTo(7);
        int population = sample.path("outpatientPopulation").asInt();
        assertThat(population).isGreaterThanOrEqualTo(1);
        // fewer than 100 outpatient prescriptions this month: all of them are offered
        assertThat(sample.path("items")
                        .valueStream()
                        .filter(i -> i.path("stratum").asString().equals("OUTPATIENT"))
                        .count())
                .isEqualTo(Math.min(population, Math.max(100, (long) Math.ceil(population * 0.001))));
        List<String> keys = sample.path("items")
                .valueStream()
                .map(i -> i.path("prescriptionKey").asString())
                .toList();
        assertThat(keys).doesNotHaveDuplicates();
        for (String key : keys) {
            assertThat(count(
                            "SELECT COUNT(*) FROM rx_line WHERE facility || ':' || prescription_no = ?"
                                    + " AND ordered_at >= ? AND ordered_at < ?",
                            key,
                            java.sql.Timestamp.from(java.time.Instant.parse("2026-10-31T16:00:00Z")),
                            java.sql.Timestamp.from(java.time.Instant.parse("2026-11-30T16:00:00Z"))))
                    .as("every sampled prescription is an order of that month (Beijing time)")
                    .isPositive();
        }

        // asking again with the same seed returns the stored sample; drawn afresh, the same seed picks the same keys
        JsonNode again = json.readTree(
                post("/api/v1/review-samples", "{\"month\":\"" + month + "\",\"seed\":7}", "pharm", "pharm-password")
                        .body());
        assertThat(again.path("id").asLong()).isEqualTo(sample.path("id").asLong());
        jdbc.update(
                "DELETE FROM review_sample_item WHERE sample_id = ?",
                sample.path("id").asLong());
        jdbc.update("DELETE FROM review_sample WHERE id = ?", sample.path("id").asLong());
        sample = json.readTree(
                post("/api/v1/review-samples", "{\"month\":\"" + month + "\",\"seed\":7}", "pharm", "pharm-password")
                        .body());
        assertThat(sample.path("items")
                        .valueStream()
                        .map(i -> i.path("prescriptionKey").asString()))
                .containsExactlyElementsOf(keys);

        JsonNode item = sample.path("items").get(0);
        String itemPath = "/api/v1/review-samples/" + sample.path("id").asLong() + "/items/"
                + item.path("id").asLong() + "/review";
        HttpResponse<String> reviewed = post(
                itemPath,
                "{\"result\":\"IRRATIONAL\",\"category\":\"NONSTANDARD\",\"note\":\"用量超限\"}",
                "pharm",
                "pharm-password");
        assertThat(reviewed.statusCode()).isEqualTo(200);
        assertThat(json.readTree(reviewed.body()).path("reviewedBy").asString()).isEqualTo("pharm");
        assertThat(post(itemPath, "{\"result\":\"REASONABLE\"}", "pharm", "pharm-password")
                        .statusCode())
                .isEqualTo(409);
        assertThat(count(
                        "SELECT COUNT(*) FROM rx_review WHERE sample_item_id = ? AND action = 'IRRATIONAL'",
                        item.path("id").asLong()))
                .isEqualTo(1);

        JsonNode read =
                json.readTree(get("/api/v1/review-samples/" + sample.path("id").asLong(), "disc", "disc-password")
                        .body());
        assertThat(read.path("items")
                        .valueStream()
                        .filter(i -> "IRRATIONAL".equals(i.path("result").asString()))
                        .count())
                .isEqualTo(1);
        JsonNode list = json.readTree(get("/api/v1/review-samples?month=" + month, "audit", "audit-password")
                .body());
        assertThat(list).isNotEmpty();
        assertThat(YearMonth.parse(list.get(0).path("sample_month").asString())).isEqualTo(YearMonth.of(2026, 11));
    }
}
