package org.qingfeng.monitors.stat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qingfeng.config.RuleSettings;
import org.qingfeng.monitors.finding.Finding;

class StatisticsAccessRulesTest {

    private final StatisticsAccessRules rules = new StatisticsAccessRules(ZoneId.of("Asia/Shanghai"));
    // Tuesday 10:00 in Beijing
    private static final Instant WORKDAY = Instant.parse("2026-11-24T02:00:00Z");
    private static final StatisticsAccessRules.Attribution ALICE = new StatisticsAccessRules.Attribution(
            "I0001", "张信息", "alice", false, List.of("10.1.2.3"), "ACCOUNT", List.of());
    private static final StatisticsAccessRules.Approval APPROVED =
            new StatisticsAccessRules.Approval(true, "T-1", "2026-11-01..2026-11-30", "ticket T-1 covers the query");
    private static final StatisticsAccessRules.Approval NONE =
            new StatisticsAccessRules.Approval(false, null, null, "no approval for I0001");

    private static DataAccessEvent event(Instant at, String ip, Long rows) {
        return new DataAccessEvent(at, null, "alice", ip, null, "psql", "SELECT …", null, rows, "pgaudit");
    }

    private List<String> codes(DataAccessEvent e, String sql, StatisticsAccessRules.Approval a, int narrowBefore) {
        Classification c = StatementClassifierTest.CLASSIFIER.classify(sql);
        return rules.evaluate(e, c, ALICE, a, narrowBefore, List.of(), code -> new RuleSettings()).stream()
                .map(Finding::rule)
                .toList();
    }

    static final String GROUPED = "SELECT doctor_id, SUM(qty) FROM prescription_line GROUP BY doctor_id";
    static final String NARROW = "SELECT SUM(qty) FROM prescription_line WHERE doctor_id = 'D0001'";

    @Test
    void unapprovedStatisticsQuery() {
        assertThat(codes(event(WORKDAY, "10.1.2.3", 20L), GROUPED, NONE, 0)).containsExactly("STAT_UNAUTHORIZED_QUERY");
        assertThat(codes(event(WORKDAY, "10.1.2.3", 20L), GROUPED, APPROVED, 0)).isEmpty();
        assertThat(codes(
                        event(WORKDAY, "10.1.2.3", 20L),
                        "SELECT * FROM prescription_line WHERE patient_id = 'P'",
                        NONE,
                        0))
                .isEmpty();
    }

    @Test
    void offHoursBulkTerminalAndProbing() {
        Instant saturday = Instant.parse("2026-11-28T02:00:00Z");
        assertThat(codes(event(saturday, "10.1.2.3", 20L), GROUPED, APPROVED, 0))
                .containsExactly("STAT_OFF_HOURS");
        assertThat(codes(event(WORKDAY, "10.1.2.3", 1001L), GROUPED, APPROVED, 0))
                .containsExactly("STAT_BULK_EXTRACT");
        assertThat(codes(event(WORKDAY, "10.1.2.3", 1000L), GROUPED, APPROVED, 0))
                .isEmpty();
        assertThat(codes(event(WORKDAY, "10.9.9.9", 20L), GROUPED, APPROVED, 0))
                .containsExactly("STAT_UNKNOWN_TERMINAL");
        assertThat(codes(event(WORKDAY, "10.1.2.3", 20L), NARROW, APPROVED, 1)).isEmpty();
        assertThat(codes(event(WORKDAY, "10.1.2.3", 20L), NARROW, APPROVED, 2)).containsExactly("STAT_PROBING");
    }

    @Test
    void holidaysAndMakeUpWorkdaysDecideWhatIsOffHours() {
        RuleSettings calendar = new RuleSettings();
        calendar.setHolidays(List.of(java.time.LocalDate.of(2026, 10, 1))); // National Day, a Thursday
        calendar.setWorkdays(List.of(java.time.LocalDate.of(2026, 10, 10))); // a Saturday worked in exchange (调休)
        Classification c = StatementClassifierTest.CLASSIFIER.classify(GROUPED);
        java.util.function.Function<Instant, List<String>> at = t -> rules
                .evaluate(
                        event(t, "10.1.2.3", 20L),
                        c,
                        ALICE,
                        APPROVED,
                        0,
                        List.of(),
                        code -> code.equals("STAT_OFF_HOURS") ? calendar : new RuleSettings())
                .stream()
                .map(Finding::rule)
                .toList();

        assertThat(at.apply(Instant.parse("2026-10-01T02:00:00Z"))).containsExactly("STAT_OFF_HOURS");
        assertThat(at.apply(Instant.parse("2026-10-10T02:00:00Z"))).isEmpty();
        assertThat(at.apply(Instant.parse("2026-10-10T12:00:00Z"))).containsExactly("STAT_OFF_HOURS"); // 20:00
        assertThat(at.apply(Instant.parse("2026-10-17T02:00:00Z"))).containsExactly("STAT_OFF_HOURS");
    }

    @Test
    void aQueryWithinFourteenDaysOfARepContactIsFlagged() {
        Classification c = StatementClassifierTest.CLASSIFIER.classify(GROUPED);
        RepContact visit = new RepContact("VISIT", "V-17", "某药业", WORKDAY.minus(java.time.Duration.ofDays(3)));
        RepContact old = new RepContact("GIFT", "G-2", "某药业", WORKDAY.minus(java.time.Duration.ofDays(20)));

        List<Finding> recent = rules.evaluate(
                event(WORKDAY, "10.1.2.3", 20L),
                c,
                ALICE,
                APPROVED,
                0,
                List.of(visit, old),
                code -> new RuleSettings());
        assertThat(recent).extracting(Finding::rule).containsExactly("STAT_REP_CONTACT");
        assertThat(recent.get(0).evidence().toString()).contains("V-17").doesNotContain("G-2");
        assertThat(rules.evaluate(
                        event(WORKDAY, "10.1.2.3", 20L),
                        c,
                        ALICE,
                        APPROVED,
                        0,
                        List.of(old),
                        code -> new RuleSettings()))
                .isEmpty();
    }

    @Test
    void evidenceNamesWhoWhatWhenAndTheApproval() {
        Classification c = StatementClassifierTest.CLASSIFIER.classify(GROUPED);
        Finding f = rules.evaluate(
                        event(WORKDAY, "10.1.2.3", 20L), c, ALICE, NONE, 0, List.of(), code -> new RuleSettings())
                .get(0);
        assertThat(f.subject().id()).isEqualTo("I0001");
        assertThat(f.inbox().name()).isEqualTo("DISCIPLINE");
        assertThat(f.evidence()).containsKeys("statement", "who", "when", "rows", "approval");
        assertThat(f.evidence().get("statement").toString()).contains("GROUP BY doctor_id");
    }

    @Test
    void aDrillDownIsCoveredByAnOpenCaseOrAnApprovalAndFlaggedOtherwise() {
        DataAccessEvent read = new DataAccessEvent(
                WORKDAY,
                "disc",
                null,
                "10.1.2.3",
                null,
                "qingfeng",
                null,
                "GET /api/v1/prescribers/D0003/usage",
                12L,
                "qingfeng");
        Classification c = new Classification(
                true,
                java.util.Set.of("PRESCRIBER", "ITEM"),
                List.of("D0003"),
                java.util.Set.of("usage_day"),
                false,
                "GET /api/v1/prescribers/D0003/usage",
                "one prescriber's usage");
        RuleSettings on = new RuleSettings();

        List<Finding> flagged = rules.selfAccess(read, c, ALICE, NONE, null, "no escalated alert about D0003", on);
        assertThat(flagged).extracting(Finding::rule).containsExactly("STAT_SELF_ACCESS");
        Finding f = flagged.get(0);
        assertThat(f.subject().id()).isEqualTo("I0001");
        assertThat(f.scope()).isEqualTo("DAY:2026-11-24:D0003");
        assertThat(f.evidence())
                .containsEntry("prescriber", "D0003")
                .containsEntry("caseChecked", "no escalated alert about D0003");
        assertThat(f.evidence().get("actual").toString()).contains("no approval for I0001");

        assertThat(rules.selfAccess(read, c, ALICE, NONE, "alert 17 (escalated)", "escalated alert 17", on))
                .isEmpty();
        assertThat(rules.selfAccess(read, c, ALICE, APPROVED, null, "none", on)).isEmpty();
        RuleSettings off = new RuleSettings();
        off.setEnabled(false);
        assertThat(rules.selfAccess(read, c, ALICE, NONE, null, "none", off)).isEmpty();
    }
}
