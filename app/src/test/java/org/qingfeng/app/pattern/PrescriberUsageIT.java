package org.qingfeng.app.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.qingfeng.app.alert.AlertService;
import org.qingfeng.app.reference.ReferenceCache;
import org.qingfeng.app.support.QingfengIT;
import org.qingfeng.config.Severity;
import org.qingfeng.monitors.finding.Finding;
import org.qingfeng.monitors.finding.Inbox;
import org.qingfeng.monitors.finding.Subject;
import org.qingfeng.monitors.finding.SubjectType;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The drill-down into one prescriber's usage and STAT_SELF_ACCESS: a read without a case or approval is flagged, a
 * read under an approval ticket of the (roster-linked) reader or while an alert about the prescriber is escalated to a
 * case is not; every read is in the ledger and the hash-chained access audit; roles and bad input.
 */
class PrescriberUsageIT extends QingfengIT {

    /** Each test reads its own prescriber: an escalated alert about one covers every later read of that one. */
    private static final String PRESCRIBER = "PT-DRILL-D1";

    private static final String CASE_PRESCRIBER = "PT-DRILL-D2";
    private static final String CONSOLE_PRESCRIBER = "PT-DRILL-D3";
    private static final LocalDate DAY = LocalDate.of(2024, 3, 5);
    private static final String RANGE = "from=2024-02-01&to=2024-03-31";

    @Autowired
    ReferenceCache reference;

    @Autowired
    AlertService alerts;

    /** ¥50 + ¥30 on 2024-03-05 and ¥25 in February, for each of the prescribers. */
    private void usage() throws Exception {
        if (count("SELECT COUNT(*) FROM usage_day WHERE prescriber_id = ?", PRESCRIBER) > 0) {
            return;
        }
        StoredLines.drug(jdbc, "PT-DRILL-A", "钻取测试药甲", "12.50", false);
        StoredLines.drug(jdbc, "PT-DRILL-B", "钻取测试药乙", "3.00", false);
        reference.reload();
        StoredLines lines = new StoredLines(jdbc);
        for (String p : List.of(PRESCRIBER, CASE_PRESCRIBER, CONSOLE_PRESCRIBER)) {
            lines.line(p + "-RX1", "PT-DRILL-P1", "PT-DRILL", p, DAY, "PT-DRILL-A", 4)
                    .line(p + "-RX1", "PT-DRILL-P1", "PT-DRILL", p, DAY, "PT-DRILL-B", 10)
                    .line(p + "-RX2", "PT-DRILL-P2", "PT-DRILL", p, DAY.minusMonths(1), "PT-DRILL-A", 2);
        }
        lines.flush();
        HttpResponse<String> r = post("/api/v1/rollups/rebuild?from=2024-02-01&to=2024-03-31", "", "it", "it-password");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private JsonNode read(String prescriber, String user, String password) throws Exception {
        HttpResponse<String> r = get("/api/v1/prescribers/" + prescriber + "/usage?" + RANGE, user, password);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    private int selfAccessAlerts(String subject, String prescriber) {
        return count(
                "SELECT COUNT(*) FROM alert WHERE rule_code = 'STAT_SELF_ACCESS' AND subject_id = ? AND scope LIKE ?",
                subject,
                "%:" + prescriber);
    }

    @Test
    void aReadWithoutCaseOrApprovalIsFlaggedAndAnApprovalTicketCoversIt() throws Exception {
        usage();
        // the reader's console account is linked to the roster (D0009)
        HttpResponse<String> user = putJson(
                "/api/v1/users/drill-reader",
                "{\"password\":\"drill-password\",\"roles\":[\"DISCIPLINE\"],\"displayName\":\"纪检三\",\"staffId\":\"D0009\"}",
                "admin",
                ADMIN_PASSWORD);
        assertThat(user.statusCode()).as(user.body()).isEqualTo(200);
        assertThat(user.body()).contains("\"staffId\":\"D0009\"");
        long ledgerBefore = count("SELECT COUNT(*) FROM stat_ledger WHERE source = 'qingfeng'");

        JsonNode first = read(PRESCRIBER, "drill-reader", "drill-password");

        // the figures: ¥50 + ¥30 on 2024-03-05, ¥25 in February
        assertThat(first.path("totalAmount").decimalValue()).isEqualByComparingTo("105.00");
        assertThat(first.path("items").get(0).path("itemCode").asString()).isEqualTo("PT-DRILL-A");
        assertThat(first.path("items").get(0).path("amount").decimalValue()).isEqualByComparingTo("75.00");
        assertThat(first.path("items").get(0).path("prescriptions").asLong()).isEqualTo(2);
        assertThat(first.path("months").toString())
                .contains("\"month\":\"2024-02\"")
                .contains("\"month\":\"2024-03\"");
        // how the read was recorded
        assertThat(first.path("access").path("covered").asBoolean()).isFalse();
        assertThat(first.path("access").path("raised").toString()).contains("STAT_SELF_ACCESS");
        assertThat(selfAccessAlerts("D0009", PRESCRIBER)).isEqualTo(1);
        String evidence = jdbc.queryForObject(
                "SELECT evidence FROM alert WHERE rule_code = 'STAT_SELF_ACCESS' AND subject_id = 'D0009'",
                String.class);
        JsonNode e = json.readTree(evidence);
        assertThat(e.path("prescriber").asString()).isEqualTo(PRESCRIBER);
        assertThat(e.path("who").path("resolvedBy").asString()).isEqualTo("USER");
        assertThat(e.path("who").path("account").asString()).isEqualTo("drill-reader");
        assertThat(e.path("approval").path("reason").asString()).contains("D0009 is not an approved statistician");
        assertThat(e.path("caseChecked").asString()).contains("escalated to a case");
        assertThat(e.path("statement").asString()).contains("/api/v1/prescribers/" + PRESCRIBER + "/usage");
        assertThat(count("SELECT COUNT(*) FROM stat_ledger WHERE source = 'qingfeng'"))
                .isEqualTo(ledgerBefore + 1);
        Map<String, Object> ledger = jdbc.queryForMap(
                "SELECT staff_id, approved, rules_raised, targets, row_count, attribution FROM stat_ledger"
                        + " WHERE source = 'qingfeng' ORDER BY id DESC LIMIT 1");
        assertThat(ledger)
                .containsEntry("staff_id", "D0009")
                .containsEntry("approved", false)
                .containsEntry("rules_raised", "STAT_SELF_ACCESS")
                .containsEntry("targets", PRESCRIBER)
                .containsEntry("attribution", "USER");
        assertThat(((Number) ledger.get("row_count")).longValue()).isEqualTo(2);
        assertThat(count(
                        "SELECT COUNT(*) FROM access_audit WHERE actor = 'drill-reader' AND action = 'READ_PRESCRIBER_USAGE'"
                                + " AND resource = ?",
                        "prescriber/" + PRESCRIBER + "/usage"))
                .isEqualTo(1);

        // a ticket for D0009, approved by a second person, covers the next read: nothing raised, the ledger says so
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        HttpResponse<String> requested = post(
                "/api/v1/statistics-approvals",
                "{\"staffId\":\"D0009\",\"scope\":\"PRESCRIBER\",\"validFrom\":\"" + today.minusDays(1)
                        + "\",\"validTo\":\"" + today.plusDays(1) + "\",\"purpose\":\"专项检查\"}",
                "admin",
                ADMIN_PASSWORD);
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(200);
        long ticket = json.readTree(requested.body()).path("id").asLong();
        HttpResponse<String> approved =
                post("/api/v1/statistics-approvals/" + ticket + "/approve", "{}", "disc", "disc-password");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);

        JsonNode second = read(PRESCRIBER, "drill-reader", "drill-password");
        assertThat(second.path("access").path("covered").asBoolean()).isTrue();
        assertThat(second.path("access").path("explanation").asString()).contains("QF-" + ticket);
        assertThat(second.path("access").path("raised").size()).isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT ticket FROM stat_ledger WHERE source = 'qingfeng' ORDER BY id DESC LIMIT 1",
                        String.class))
                .isEqualTo("QF-" + ticket);
        HttpResponse<String> verify = get("/api/v1/access-audit/verify", "audit", "audit-password");
        assertThat(json.readTree(verify.body()).path("valid").asBoolean())
                .as(verify.body())
                .isTrue();
    }

    @Test
    void anAlertEscalatedToACaseAboutThePrescriberCoversTheRead() throws Exception {
        usage();
        accounts.save("drill-case", "drill-case-password", List.of("DISCIPLINE"), "纪检四");
        JsonNode before = read(CASE_PRESCRIBER, "drill-case", "drill-case-password");
        assertThat(before.path("access").path("covered").asBoolean()).isFalse();
        assertThat(before.path("access").path("explanation").asString())
                .contains("drill-case is not attributed to any person");
        assertThat(selfAccessAlerts("drill-case", CASE_PRESCRIBER)).isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "SELECT subject_type FROM alert WHERE rule_code = 'STAT_SELF_ACCESS' AND subject_id = 'drill-case'",
                        String.class))
                .isEqualTo("ACCOUNT");

        // an alert about the prescriber, escalated to a case by the discipline office
        alerts.raise(List.of(new Finding(
                "PAT_PEER_OUTLIER",
                Severity.MEDIUM,
                Inbox.DISCIPLINE,
                new Subject(SubjectType.STAFF, CASE_PRESCRIBER, "钻取测试医师"),
                "PT-DRILL",
                "MONTH:2024-03:PT-DRILL-A",
                "用量异常",
                false,
                Map.of("value", 1))));
        long alertId = jdbc.queryForObject(
                "SELECT id FROM alert WHERE rule_code = 'PAT_PEER_OUTLIER' AND subject_id = ?",
                Long.class,
                CASE_PRESCRIBER);
        for (String to : List.of("ACKNOWLEDGED", "ESCALATED")) {
            HttpResponse<String> t = post(
                    "/api/v1/alerts/" + alertId + "/transitions",
                    "{\"to\":\"" + to + "\",\"reason\":\"立案核查\"}",
                    "disc",
                    "disc-password");
            assertThat(t.statusCode()).as(t.body()).isEqualTo(200);
        }

        JsonNode after = read(CASE_PRESCRIBER, "drill-case", "drill-case-password");
        assertThat(after.path("access").path("covered").asBoolean()).isTrue();
        assertThat(after.path("access").path("explanation").asString())
                .isEqualTo("alert " + alertId + " PAT_PEER_OUTLIER, escalated to a case");
        assertThat(selfAccessAlerts("drill-case", CASE_PRESCRIBER)).isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "SELECT detail FROM access_audit WHERE actor = 'drill-case' ORDER BY id DESC LIMIT 1",
                        String.class))
                .contains("escalated to a case");
    }

    @Test
    void onlyTheDisciplineOfficeDrillsDownAndBadInputIsNamed() throws Exception {
        usage();
        String path = "/api/v1/prescribers/" + PRESCRIBER + "/usage?" + RANGE;
        for (String[] u : List.of(
                new String[] {"pharm", "pharm-password"},
                new String[] {"audit", "audit-password"},
                new String[] {"it", "it-password"},
                new String[] {"head", "head-password"})) {
            assertThat(get(path, u[0], u[1]).statusCode()).as(u[0]).isEqualTo(403);
        }
        assertThat(get(path, null, null).statusCode()).isEqualTo(401);

        HttpResponse<String> date =
                get("/api/v1/prescribers/" + PRESCRIBER + "/usage?from=March", "disc", "disc-password");
        assertThat(date.statusCode()).isEqualTo(400);
        assertThat(date.body()).contains("\"field\":\"from\"").contains("invalid-date");
        HttpResponse<String> backwards = get(
                "/api/v1/prescribers/" + PRESCRIBER + "/usage?from=2024-03-01&to=2024-02-01", "disc", "disc-password");
        assertThat(backwards.statusCode()).isEqualTo(400);
        assertThat(backwards.body()).contains("\"field\":\"to\"");
        HttpResponse<String> year = get(
                "/api/v1/prescribers/" + PRESCRIBER + "/usage?from=2023-01-01&to=2024-03-01", "disc", "disc-password");
        assertThat(year.statusCode()).isEqualTo(400);
        assertThat(year.body()).contains("366 days");
        HttpResponse<String> nobody = get("/api/v1/prescribers/PT-NOBODY/usage", "disc", "disc-password");
        assertThat(nobody.statusCode()).isEqualTo(404);
        assertThat(nobody.body()).contains("prescriber-not-found");
        assertThat(count("SELECT COUNT(*) FROM stat_ledger WHERE targets = 'PT-NOBODY'"))
                .isZero();

        HttpResponse<String> unknownStaff = putJson(
                "/api/v1/users/drill-bad",
                "{\"password\":\"drill-password\",\"roles\":[\"DISCIPLINE\"],\"staffId\":\"X9999\"}",
                "admin",
                ADMIN_PASSWORD);
        assertThat(unknownStaff.statusCode()).isEqualTo(400);
        assertThat(unknownStaff.body()).contains("\"field\":\"staffId\"").contains("X9999");
    }

    /** A browser logged in to the console (form login with CSRF). */
    private HttpClient loggedIn(String user, String password) throws Exception {
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        String loginPage = browser.send(
                        HttpRequest.newBuilder(URI.create(url("/login"))).build(), HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(loginPage);
        assertThat(csrf.find()).isTrue();
        HttpResponse<String> in = browser.send(
                HttpRequest.newBuilder(URI.create(url("/login")))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password="
                                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + csrf.group(1)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(in.uri().getPath()).isEqualTo("/console/inbox");
        return browser;
    }

    private static HttpResponse<String> page(HttpClient browser, String url) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theConsolePageShowsTheFiguresAndHowTheReadWasRecorded() throws Exception {
        usage();
        HttpClient browser = loggedIn("disc", "disc-password");
        long audited =
                count("SELECT COUNT(*) FROM access_audit WHERE actor = 'disc' AND action = 'READ_PRESCRIBER_USAGE'");

        HttpResponse<String> shown =
                page(browser, url("/console/prescribers/" + CONSOLE_PRESCRIBER + "/usage?" + RANGE));

        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.body())
                .contains("医师用药明细")
                .contains("钻取测试药甲")
                .contains("75.00")
                .contains("已向纪检监察生成预警 STAT_SELF_ACCESS");
        assertThat(count("SELECT COUNT(*) FROM access_audit WHERE actor = 'disc' AND action = 'READ_PRESCRIBER_USAGE'"))
                .isEqualTo(audited + 1);
        HttpClient pharmacist = loggedIn("pharm", "pharm-password");
        assertThat(page(pharmacist, url("/console/prescribers/" + CONSOLE_PRESCRIBER + "/usage"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(count(
                        "SELECT COUNT(*) FROM access_audit WHERE actor = 'pharm' AND action = 'READ_PRESCRIBER_USAGE'"))
                .isZero();
    }
}
