package org.qingfeng.app.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.qingfeng.app.reference.ReferenceCache;
import org.qingfeng.app.support.QingfengIT;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Pattern jobs end to end on generated months (far in the past, so no other test's data falls in them): rollups
 * rebuilt through the API, jobs run through Quartz by the run-now API, alerts with their evidence, the justification
 * loop, the 双十 report in JSON/XLSX/PDF with role checks, watermark and the audited reads.
 */
class PatternJobsIT extends QingfengIT {

    @Autowired
    ReferenceCache reference;

    private JsonNode ok(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    private JsonNode run(String job, String period) throws Exception {
        return ok(post("/api/v1/jobs/" + job + "/run", "{\"period\":\"" + period + "\"}", "disc", "disc-password"));
    }

    private void rebuild(String from, String to) throws Exception {
        ok(post("/api/v1/rollups/rebuild?from=" + from + "&to=" + to, "", "it", "it-password"));
    }

    /**
     * A department of 12 prescribers, 5 items at ¥10 used about 2 per visit; optionally one prescriber uses one item 4×
     * as much.
     */
    private void department(YearMonth month, String dept, String injectPrescriber, String injectItem, long seed) {
        Random random = new Random(seed);
        StoredLines lines = new StoredLines(jdbc);
        for (int p = 1; p <= 12; p++) {
            String prescriber = dept + "-D" + String.format("%02d", p);
            int visits = 45 + 3 * p;
            for (int v = 0; v < visits; v++) {
                LocalDate day = month.atDay(1 + v % 28);
                String rx = prescriber + "-" + month + "-" + v;
                for (int i = 1; i <= 5; i++) {
                    String item = "PT-X0" + i;
                    double qty = 1 + random.nextInt(3);
                    if (prescriber.equals(injectPrescriber) && item.equals(injectItem)) {
                        qty *= 4;
                    }
                    lines.line(rx, rx, dept, prescriber, day, item, qty);
                }
            }
        }
        lines.flush();
    }

    private void catalog() {
        for (int i = 1; i <= 5; i++) {
            StoredLines.drug(jdbc, "PT-X0" + i, "测试药品" + i, "10.00", false);
        }
        StoredLines.drug(jdbc, "PT-S01", "测试针剂", "100.00", false);
        StoredLines.drug(jdbc, "PT-STENT", "测试支架", "5000.00", true);
        reference.reload();
    }

    @Test
    void peerOutlierForExactlyTheInjectedPrescriberAndItemThenJustifiedAndSuppressed() throws Exception {
        catalog();
        YearMonth jan = YearMonth.of(2025, 1);
        department(jan, "PT-CARD", "PT-CARD-D07", "PT-X03", 1);
        department(jan, "PT-RESP", null, null, 2);
        rebuild("2025-01-01", "2025-01-31");

        JsonNode result = run("peer-comparison", "2025-01");

        assertThat(result.path("outcome").asString()).isEqualTo("SUCCEEDED");
        assertThat(result.path("counts").path("findings").asInt()).isEqualTo(1);
        List<JsonNode> alerts = patternAlerts("PAT_PEER_OUTLIER", "PT-");
        assertThat(alerts).hasSize(1);
        JsonNode alert = alerts.get(0);
        assertThat(alert.path("subject_id").asString()).isEqualTo("PT-CARD-D07");
        JsonNode evidence = json.readTree(alert.path("evidence").asString());
        assertThat(evidence.path("itemCode").asString()).isEqualTo("PT-X03");
        assertThat(evidence.path("rank").asInt()).isEqualTo(1);
        assertThat(evidence.path("ratioToMedian").asDouble()).isBetween(3.0, 5.0);
        assertThat(evidence.path("robustZ").asDouble()).isGreaterThanOrEqualTo(3.5);
        assertThat(evidence.path("peerValues").size()).isEqualTo(11);
        assertThat(evidence.path("topPrescriptions").size()).isEqualTo(5);
        assertThat(evidence.path("topPrescriptions").get(0).path("prescriberId").asString())
                .isEqualTo("PT-CARD-D07");

        // the department head answers, the discipline office accepts: the alert is dismissed and next month's same
        // finding is suppressed
        long alertId = alert.path("id").asLong();
        assertThat(post(
                                "/api/v1/alerts/" + alertId + "/pattern-justifications",
                                "{\"reason\":\"\"}",
                                "head",
                                "head-password")
                        .statusCode())
                .isEqualTo(422);
        JsonNode j = ok(post(
                "/api/v1/alerts/" + alertId + "/pattern-justifications",
                "{\"reason\":\"心衰专病门诊，患者病情较重 / heart-failure clinic\"}",
                "head",
                "head-password"));
        assertThat(post(
                                "/api/v1/pattern-justifications/" + j.path("id").asLong() + "/decision",
                                "{\"decision\":\"ACCEPTED\"}",
                                "head",
                                "head-password")
                        .statusCode())
                .isEqualTo(403);
        JsonNode decided = ok(post(
                "/api/v1/pattern-justifications/" + j.path("id").asLong() + "/decision",
                "{\"decision\":\"ACCEPTED\",\"note\":\"核实属实\"}",
                "disc",
                "disc-password"));
        assertThat(decided.path("decision").asString()).isEqualTo("ACCEPTED");
        assertThat(jdbc.queryForObject("SELECT status FROM alert WHERE id = ?", String.class, alertId))
                .isEqualTo("DISMISSED");

        YearMonth feb = YearMonth.of(2025, 2);
        department(feb, "PT-CARD", "PT-CARD-D07", "PT-X03", 3);
        rebuild("2025-02-01", "2025-02-28");
        JsonNode second = run("peer-comparison", "2025-02");
        assertThat(second.path("counts").path("findings").asInt()).isEqualTo(1);
        assertThat(second.path("counts").path("suppressed").asInt()).isEqualTo(1);
        assertThat(second.path("counts").path("alertsRaised").asInt()).isZero();
    }

    @Test
    void usageSurgeOfOnePrescriberInTheLastWeek() throws Exception {
        catalog();
        StoredLines lines = new StoredLines(jdbc);
        for (int p = 1; p <= 12; p++) {
            String prescriber = "PT-SURG-D" + p;
            for (int d = 1; d <= 28; d++) {
                LocalDate day = LocalDate.of(2025, 6, d);
                // D5 writes five prescriptions a day in the last week instead of two
                for (int k = 0; k < (p == 5 && d >= 22 ? 5 : 2); k++) {
                    String rx = prescriber + "-" + day + "-" + k;
                    lines.line(rx, rx, "PT-SURG", prescriber, day, "PT-S01", 2);
                }
            }
        }
        lines.flush();
        rebuild("2025-06-01", "2025-06-28");

        JsonNode result = run("usage-surge", "2025-06-28");

        assertThat(result.path("counts").path("findings").asInt()).isEqualTo(1);
        List<JsonNode> alerts = patternAlerts("PAT_USAGE_SURGE", "PT-SURG");
        assertThat(alerts).hasSize(1);
        JsonNode evidence = json.readTree(alerts.get(0).path("evidence").asString());
        assertThat(alerts.get(0).path("subject_id").asString()).isEqualTo("PT-SURG-D5");
        assertThat(evidence.path("level").asString()).isEqualTo("PRESCRIBER");
        assertThat(evidence.path("baselineMean").asDouble()).isEqualTo(2800.0);
        assertThat(evidence.path("amount").asDouble()).isEqualTo(7000.0);
        assertThat(evidence.path("increasePercent").asDouble()).isEqualTo(150.0);
        assertThat(evidence.path("baselinePrescriptions").asDouble()).isEqualTo(14.0);
        assertThat(evidence.path("period").asString()).isEqualTo("2025-06-22..2025-06-28");
    }

    @Test
    void doubleTenReportMatchesTheHandComputedTableInEveryFormat() throws Exception {
        catalog();
        LocalDate day = LocalDate.of(2025, 4, 10);
        new StoredLines(jdbc)
                .line("PT-DT-1", "PT-DT-P1", "PT-DT", "PT-DT-D01", day, "PT-X01", 10)
                .line("PT-DT-2", "PT-DT-P2", "PT-DT", "PT-DT-D02", day, "PT-X01", 5)
                .line("PT-DT-3", "PT-DT-P3", "PT-DT", "PT-DT-D01", day, "PT-X02", 1)
                .line("PT-DT-4", "PT-DT-P4", "PT-DT", "PT-DT-D03", day, "PT-STENT", 2)
                .line("PT-DT-5", "PT-DT-P5", "PT-DT", "PT-DT-D01", day.plusDays(1), "PT-STENT", 1)
                .flush();
        rebuild("2025-04-01", "2025-04-30");

        JsonNode run = run("double-ten", "2025-04");
        assertThat(run.path("counts").path("drugs").asInt()).isEqualTo(2);
        assertThat(run.path("counts").path("consumables").asInt()).isEqualTo(1);

        // hand-computed: drugs X01 ¥150 (93.8 %: D01 100 = 66.7 %, D02 50 = 33.3 %), X02 ¥10 (6.3 %);
        // consumables STENT ¥15,000 (100 %: D03 10,000 = 66.7 %, D01 5,000 = 33.3 %)
        JsonNode report = ok(get("/api/v1/reports/double-ten?month=2025-04", "disc", "disc-password"))
                .path("report");
        assertThat(report.path("drugTotal").asDouble()).isEqualTo(160.0);
        assertThat(report.path("drugs").size()).isEqualTo(2);
        JsonNode x01 = report.path("drugs").get(0);
        assertThat(x01.path("itemCode").asString()).isEqualTo("PT-X01");
        assertThat(x01.path("itemName").asString()).isEqualTo("测试药品1");
        assertThat(x01.path("amount").asDouble()).isEqualTo(150.0);
        assertThat(x01.path("sharePercent").asDouble()).isEqualTo(93.8);
        assertThat(x01.path("prescribers").get(0).path("prescriberId").asString())
                .isEqualTo("PT-DT-D01");
        assertThat(x01.path("prescribers").get(0).path("sharePercent").asDouble())
                .isEqualTo(66.7);
        assertThat(x01.path("prescribers").get(1).path("amount").asDouble()).isEqualTo(50.0);
        assertThat(report.path("drugs").get(1).path("sharePercent").asDouble()).isEqualTo(6.3);
        JsonNode stent = report.path("consumables").get(0);
        assertThat(stent.path("itemCode").asString()).isEqualTo("PT-STENT");
        assertThat(stent.path("amount").asDouble()).isEqualTo(15000.0);
        assertThat(stent.path("prescribers").get(0).path("prescriberId").asString())
                .isEqualTo("PT-DT-D03");
        assertThat(stent.path("prescribers").get(0).path("sharePercent").asDouble())
                .isEqualTo(66.7);

        // a pharmacist sees the drug ranking only; other roles nothing
        JsonNode pharm = ok(get("/api/v1/reports/double-ten?month=2025-04", "pharm", "pharm-password"))
                .path("report");
        assertThat(pharm.path("drugs").size()).isEqualTo(2);
        assertThat(pharm.path("consumables").size()).isZero();
        assertThat(get("/api/v1/reports/double-ten?month=2025-04", "it", "it-password")
                        .statusCode())
                .isEqualTo(403);
        assertThat(get("/api/v1/reports/double-ten?month=2025-04", "head", "head-password")
                        .statusCode())
                .isEqualTo(403);
        assertThat(get("/api/v1/reports/double-ten?month=1999-01", "disc", "disc-password")
                        .statusCode())
                .isEqualTo(404);
        assertThat(get("/api/v1/reports/double-ten?month=April", "disc", "disc-password")
                        .statusCode())
                .isEqualTo(400);

        // XLSX opens with POI, has the table and the watermark
        HttpResponse<byte[]> xlsx = http.send(
                request("/api/v1/reports/double-ten.xlsx?month=2025-04", "disc", "disc-password")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(xlsx.statusCode()).isEqualTo(200);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            Sheet drugs = book.getSheetAt(0);
            List<String> cells = new ArrayList<>();
            DataFormatter f = new DataFormatter();
            for (Row row : drugs) {
                row.forEach(c -> cells.add(f.formatCellValue(c)));
            }
            assertThat(cells).contains("PT-X01", "测试药品1", "150", "93.8");
            assertThat(cells.get(0)).contains("导出人 disc");
            assertThat(drugs.getHeader().getCenter()).contains("disc");
            assertThat(book.getSheetAt(1).getRow(3).getCell(2).getStringCellValue())
                    .isEqualTo("PT-STENT");
        }

        // PDF text has the top item and the watermark
        HttpResponse<byte[]> pdf = http.send(
                request("/api/v1/reports/double-ten.pdf?month=2025-04", "disc", "disc-password")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        try (com.lowagie.text.pdf.PdfReader reader = new com.lowagie.text.pdf.PdfReader(pdf.body())) {
            String text = new com.lowagie.text.pdf.parser.PdfTextExtractor(reader).getTextFromPage(1);
            assertThat(text).contains("PT-X01").contains("PT-STENT").contains("disc");
        }

        // every read was audited, and the AUDITOR can verify the chain
        JsonNode entries = ok(get("/api/v1/access-audit?limit=20", "audit", "audit-password"));
        List<String> reads = new ArrayList<>();
        entries.forEach(e ->
                reads.add(e.path("actor").asString() + ":" + e.path("detail").asString()));
        assertThat(reads)
                .contains("disc:format=json", "pharm:format=json, drugs only", "disc:format=xlsx", "disc:format=pdf");
        assertThat(get("/api/v1/access-audit/verify", "disc", "disc-password").statusCode())
                .isEqualTo(403);
        assertThat(ok(get("/api/v1/access-audit/verify", "audit", "audit-password"))
                        .path("valid")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void aTamperedAuditEntryBreaksTheChainThere() throws Exception {
        catalog();
        new StoredLines(jdbc)
                .line("PT-AU-1", "PT-AU-P", "PT-AU", "PT-AU-D1", LocalDate.of(2025, 5, 5), "PT-X01", 1)
                .flush();
        rebuild("2025-05-01", "2025-05-31");
        run("double-ten", "2025-05");
        ok(get("/api/v1/reports/double-ten?month=2025-05", "disc", "disc-password"));
        long id = jdbc.queryForObject("SELECT MAX(id) FROM access_audit", Long.class);
        String actor = jdbc.queryForObject("SELECT actor FROM access_audit WHERE id = ?", String.class, id);
        jdbc.update("UPDATE access_audit SET actor = 'someone-else' WHERE id = ?", id);
        try {
            JsonNode v = ok(get("/api/v1/access-audit/verify", "audit", "audit-password"));
            assertThat(v.path("valid").asBoolean()).isFalse();
            assertThat(v.path("firstBrokenId").asLong()).isEqualTo(id);
        } finally {
            jdbc.update("UPDATE access_audit SET actor = ? WHERE id = ?", actor, id);
        }
        assertThat(ok(get("/api/v1/access-audit/verify", "audit", "audit-password"))
                        .path("valid")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void runNowChecksItsInputAndTwoRequestsNeverOverlap() throws Exception {
        assertThat(post("/api/v1/jobs/no-such-job/run", "{\"period\":\"2025-01\"}", "disc", "disc-password")
                        .statusCode())
                .isEqualTo(404);
        HttpResponse<String> bad =
                post("/api/v1/jobs/usage-surge/run", "{\"period\":\"2025-01\"}", "disc", "disc-password");
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("YYYY-MM-DD");
        assertThat(post("/api/v1/jobs/double-ten/run", "{\"period\":\"2025-01\"}", "head", "head-password")
                        .statusCode())
                .isEqualTo(403);
        assertThat(post("/api/v1/jobs/double-ten/run", "{\"period\":\"2025-01\"}", "pharm", "pharm-password")
                        .statusCode())
                .isEqualTo(403);
        assertThat(run("antibiotic-kpi", "2025-01").path("outcome").asString()).isEqualTo("SUCCEEDED");
        assertThat(run("vbp-share", "2025-01").path("outcome").asString()).isEqualTo("SUCCEEDED");
        assertThat(run("top-rank-persistent", "2025-01").path("counts").has("findings"))
                .isTrue();

        // four requests at once: Quartz runs them one after the other
        List<CompletableFuture<JsonNode>> requests = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            requests.add(CompletableFuture.supplyAsync(() -> runUnchecked("peer-comparison")));
        }
        List<JsonNode> runs = new ArrayList<>();
        for (CompletableFuture<JsonNode> r : requests) {
            runs.add(r.get());
        }
        runs.sort(java.util.Comparator.comparing(
                r -> java.time.Instant.parse(r.path("startedAt").asString())));
        assertThat(runs.stream().map(r -> r.path("requestId").asString()).distinct())
                .hasSize(4);
        for (int i = 1; i < runs.size(); i++) {
            assertThat(java.time.Instant.parse(runs.get(i).path("startedAt").asString()))
                    .as("run %d starts after run %d finished", i + 1, i)
                    .isAfterOrEqualTo(java.time.Instant.parse(
                            runs.get(i - 1).path("finishedAt").asString()));
        }

        JsonNode jobs = ok(get("/api/v1/jobs", "it", "it-password"));
        assertThat(jobs.size()).isEqualTo(7);
        assertThat(jobs.get(0).path("name").asString()).isEqualTo("double-ten");
        assertThat(jobs.get(0).path("schedule").asString()).isEqualTo("0 0 2 1 * ?");
        assertThat(jobs.get(0).path("nextRun").asString()).isNotEmpty();
    }

    private JsonNode runUnchecked(String job) {
        try {
            return run(job, "2025-01");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<JsonNode> patternAlerts(String rule, String subjectPrefix) {
        List<JsonNode> alerts = new ArrayList<>();
        jdbc.queryForList(
                        "SELECT id, subject_id, status, evidence FROM alert WHERE rule_code = ? AND subject_id LIKE ?"
                                + " ORDER BY id",
                        rule,
                        subjectPrefix + "%")
                .forEach(row -> alerts.add(json.valueToTree(row)));
        return alerts;
    }
}
