package org.qingfeng.app.stat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qingfeng.app.support.QingfengIT;
import tools.jackson.databind.JsonNode;

/**
 * A shared database account is attributed by the terminal it was used from: to the one person who used that terminal
 * with a personal account within the window before (30 minutes by default), else to the one person who registered the
 * terminal, else it stays shared and the evidence names the people seen at or registered to the terminal.
 */
class SharedAccountIT extends QingfengIT {

    private static final Instant T0 = Instant.parse("2026-11-24T02:00:00Z");
    private static final String LOOKUP = "SELECT * FROM prescription_line WHERE id = 1";

    private static String event(Instant at, String dbUser, String ip, String statement) {
        return "{\"time\":\"" + at + "\",\"dbUser\":\"" + dbUser + "\",\"clientIp\":\"" + ip + "\",\"statement\":\""
                + statement + "\",\"rows\":3}";
    }

    private static String statistics(String tag) {
        return "SELECT doctor_id, SUM(qty) FROM prescription_line WHERE batch = '" + tag + "' GROUP BY doctor_id";
    }

    private void events(String... lines) throws Exception {
        HttpResponse<String> r =
                post("/api/v1/data-access-events", "[" + String.join(",", lines) + "]", "it", "it-password");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private Map<String, Object> ledger(String tag) {
        return jdbc.queryForMap(
                "SELECT staff_id, identity, attribution FROM stat_ledger WHERE statement LIKE ?", "%'" + tag + "'%");
    }

    private JsonNode who(String tag) {
        String evidence = jdbc.queryForObject(
                "SELECT evidence FROM alert WHERE rule_code = 'STAT_UNAUTHORIZED_QUERY' AND evidence LIKE ?",
                String.class,
                "%'" + tag + "'%");
        return json.readTree(evidence).path("who");
    }

    @Test
    void aSharedAccountIsThePersonWhoUsedTheTerminalJustBefore() throws Exception {
        HttpResponse<String> accounts = putCsv(
                "/api/v1/reference/accounts",
                "account,kind,staff_id,shared\nhis_shared,DB,,true\nzhang_p,DB,D0011,false\nli_p,DB,D0012,false\n"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "it",
                "it-password");
        assertThat(accounts.statusCode()).as(accounts.body()).isEqualTo(200);

        // 10.77.0.1: 段志强 looks up a prescription with his own account; five minutes later the shared account runs
        // statistics from the same address (a separate delivery: the presence was committed with the first one)
        events(event(T0, "zhang_p", "10.77.0.1", LOOKUP));
        events(event(T0.plusSeconds(300), "his_shared", "10.77.0.1", statistics("time-1")));
        assertThat(ledger("time-1")).containsEntry("staff_id", "D0011").containsEntry("identity", "STAFF:D0011");
        assertThat(ledger("time-1").get("attribution").toString())
                .startsWith("TIME: D0011 used 10.77.0.1 as zhang_p at 2026-11-24T02:00:00Z");
        JsonNode who = who("time-1");
        assertThat(who.path("resolvedBy").asString()).isEqualTo("TIME");
        assertThat(who.path("sharedAccount").asBoolean()).isTrue();
        assertThat(who.path("account").asString()).isEqualTo("his_shared");
        assertThat(who.path("basis").toString()).contains("zhang_p");
        // only the personal account marked a presence
        assertThat(count("SELECT COUNT(*) FROM terminal_presence WHERE terminal = '10.77.0.1'"))
                .isEqualTo(1);

        // 45 minutes later the earlier use no longer says who is at the terminal
        events(event(T0.plusSeconds(45 * 60), "his_shared", "10.77.0.1", statistics("time-2")));
        assertThat(ledger("time-2")).containsEntry("staff_id", null).containsEntry("identity", "ACCOUNT:his_shared");
        assertThat(ledger("time-2").get("attribution")).isEqualTo("SHARED");

        // 10.77.0.2: two people used it within the window: not resolved, both named (one delivery, in order)
        events(
                event(T0, "zhang_p", "10.77.0.2", LOOKUP),
                event(T0.plusSeconds(120), "li_p", "10.77.0.2", LOOKUP),
                event(T0.plusSeconds(240), "his_shared", "10.77.0.2", statistics("time-3")));
        assertThat(ledger("time-3")).containsEntry("staff_id", null);
        JsonNode unresolved = who("time-3");
        assertThat(unresolved.path("resolvedBy").isNull()).isTrue();
        assertThat(unresolved.path("basis").toString())
                .contains("D0011 used 10.77.0.2")
                .contains("D0012 used 10.77.0.2");
        assertThat(jdbc.queryForObject(
                        "SELECT evidence FROM alert WHERE rule_code = 'STAT_UNAUTHORIZED_QUERY' AND evidence LIKE ?",
                        String.class,
                        "%'time-3'%"))
                .contains("could not be attributed to a person");

        // 10.1.3.13 is registered to 梁明 (D0003) alone and nobody was seen there: the registration decides
        events(event(T0, "his_shared", "10.1.3.13", statistics("time-4")));
        assertThat(ledger("time-4")).containsEntry("staff_id", "D0003");
        assertThat(ledger("time-4").get("attribution")).isEqualTo("TERMINAL: D0003 registered 10.1.3.13");
        assertThat(who("time-4").path("resolvedBy").asString()).isEqualTo("TERMINAL");
    }
}
