package org.qingfeng.monitors.stat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.qingfeng.config.RuleSettings;
import org.qingfeng.config.Severity;
import org.qingfeng.monitors.finding.Finding;
import org.qingfeng.monitors.finding.Inbox;
import org.qingfeng.monitors.finding.Subject;
import org.qingfeng.monitors.finding.SubjectType;

/**
 * The anti-统方 rules of rules.md §3 on one statistics query: STAT_UNAUTHORIZED_QUERY, STAT_OFF_HOURS,
 * STAT_BULK_EXTRACT, STAT_UNKNOWN_TERMINAL, STAT_PROBING and STAT_REP_CONTACT (a query within 14 days after a visit of,
 * or a gift from, a representative; idle until visits and gifts are recorded); and STAT_SELF_ACCESS on a read of
 * Qingfeng's own per-prescriber statistics. Every finding goes to the discipline office and names the person (or,
 * unattributed, the account), the statement, where and when, and which approval was checked.
 */
public final class StatisticsAccessRules {

    public static final String UNAUTHORIZED = "STAT_UNAUTHORIZED_QUERY";
    public static final String OFF_HOURS = "STAT_OFF_HOURS";
    public static final String BULK_EXTRACT = "STAT_BULK_EXTRACT";
    public static final String UNKNOWN_TERMINAL = "STAT_UNKNOWN_TERMINAL";
    public static final String PROBING = "STAT_PROBING";
    public static final String REP_CONTACT = "STAT_REP_CONTACT";
    public static final String SELF_ACCESS = "STAT_SELF_ACCESS";
    static final int REP_CONTACT_DAYS = 14;

    static final long MAX_ROWS = 1_000;
    static final String WORKING_HOURS = "08:00-18:00";
    static final int PROBING_COUNT = 3;

    /**
     * Who is behind the query.
     *
     * @param staffId the roster id, null when the account is not attributed to a person
     * @param shared the account is shared by several people and could not be resolved
     * @param registeredTerminals the person's terminals from the roster (empty: none registered)
     * @param resolvedBy how the person was found: {@code ACCOUNT} (the account table), {@code ROSTER_ID} (the account is
     *     a roster id), {@code USER} (a Qingfeng user linked to the roster), {@code TERMINAL} (a shared account, by the
     *     one person who registered the terminal), {@code TIME} (a shared account, by the one person who used the
     *     terminal with a personal account shortly before), or null when no one was found
     * @param basis what a terminal resolution rests on (who used or registered the terminal, and when), or for a
     *     shared account that could not be resolved, the people seen at or registered to the terminal
     */
    public record Attribution(
            String staffId,
            String staffName,
            String account,
            boolean shared,
            List<String> registeredTerminals,
            String resolvedBy,
            List<String> basis) {
        public Attribution {
            registeredTerminals = List.copyOf(registeredTerminals);
            basis = List.copyOf(basis);
        }

        /** The ledger's key of who queried: {@code STAFF:<roster id>}, or {@code ACCOUNT:<account>} when no one. */
        public String identity() {
            return staffId != null ? "STAFF:" + staffId : "ACCOUNT:" + account;
        }
    }

    /** The approval that was checked, and why it does or does not cover the query. */
    public record Approval(boolean covers, String ticket, String validity, String reason) {}

    private final ZoneId zone;

    public StatisticsAccessRules(ZoneId zone) {
        this.zone = zone;
    }

    /**
     * @param narrowBefore earlier narrow queries (pinning the same prescriber or item) by the same identity in the
     *     look-back window
     * @param contacts the querying staff member's contacts with representatives (visits, gifts) before the query
     * @param settings the settings of a rule by code
     */
    public List<Finding> evaluate(
            DataAccessEvent e,
            Classification c,
            Attribution who,
            Approval approval,
            int narrowBefore,
            List<RepContact> contacts,
            Function<String, RuleSettings> settings) {
        List<Finding> findings = new ArrayList<>();
        if (!c.statistics()) {
            return findings;
        }
        ZonedDateTime at = e.time().atZone(zone);
        String day = at.toLocalDate().toString();
        String statementKey = Integer.toHexString(c.normalized().hashCode());
        RuleSettings unauthorized = settings.apply(UNAUTHORIZED);
        if (enabled(unauthorized) && !approval.covers()) {
            findings.add(finding(
                    UNAUTHORIZED,
                    Severity.HIGH,
                    unauthorized,
                    e,
                    c,
                    who,
                    approval,
                    "未经审批的统方查询 / unapproved prescription-statistics query",
                    "DAY:" + day + ":" + statementKey,
                    Map.of("limit", "APPROVED", "actual", "NOT_APPROVED")));
        }
        RuleSettings offHours = settings.apply(OFF_HOURS);
        String hours = offHours.getWorkingHours() != null ? offHours.getWorkingHours() : WORKING_HOURS;
        if (enabled(offHours) && approval.covers() && !withinWorkingHours(at, hours, offHours)) {
            findings.add(finding(
                    OFF_HOURS,
                    Severity.MEDIUM,
                    offHours,
                    e,
                    c,
                    who,
                    approval,
                    "非工作时间的统方查询 / statistics query outside working hours",
                    "DAY:" + day + ":" + statementKey,
                    Map.of(
                            "limit",
                            hours + " on working days (Mon-Fri, holidays and 调休 as configured)",
                            "actual",
                            at.toLocalDateTime().toString())));
        }
        RuleSettings bulk = settings.apply(BULK_EXTRACT);
        long maxRows = bulk.getMaxRows() != null ? bulk.getMaxRows() : MAX_ROWS;
        if (enabled(bulk) && e.rows() != null && e.rows() > maxRows) {
            findings.add(finding(
                    BULK_EXTRACT,
                    Severity.HIGH,
                    bulk,
                    e,
                    c,
                    who,
                    approval,
                    "统方数据批量导出 " + e.rows() + " 行 / bulk extract of statistics",
                    "AT:" + e.time() + ":" + statementKey,
                    Map.of("limit", maxRows, "actual", e.rows())));
        }
        RuleSettings terminal = settings.apply(UNKNOWN_TERMINAL);
        String from = e.terminal() != null ? e.terminal() : e.clientIp();
        if (enabled(terminal)
                && who.staffId() != null
                && !who.registeredTerminals().isEmpty()
                && from != null
                && !who.registeredTerminals().contains(from)) {
            findings.add(finding(
                    UNKNOWN_TERMINAL,
                    Severity.MEDIUM,
                    terminal,
                    e,
                    c,
                    who,
                    approval,
                    "从未登记终端 " + from + " 发起统方查询 / statistics query from an unregistered terminal",
                    "DAY:" + day + ":" + from,
                    Map.of("limit", who.registeredTerminals(), "actual", from)));
        }
        RuleSettings probing = settings.apply(PROBING);
        int limit = probing.getCount() != null ? probing.getCount() : PROBING_COUNT;
        if (enabled(probing) && !c.targets().isEmpty() && narrowBefore + 1 >= limit) {
            LocalDate week = at.toLocalDate().with(DayOfWeek.MONDAY);
            findings.add(finding(
                    PROBING,
                    Severity.MEDIUM,
                    probing,
                    e,
                    c,
                    who,
                    approval,
                    "反复查询特定医师或药品 " + c.targets() + " / repeated narrow statistics queries",
                    "WEEK:" + week + ":" + String.join(",", c.targets()),
                    Map.of("limit", limit, "actual", narrowBefore + 1)));
        }
        RuleSettings rep = settings.apply(REP_CONTACT);
        int days = rep.getLookbackDays() != null ? rep.getLookbackDays() : REP_CONTACT_DAYS;
        List<Map<String, Object>> recent = contacts.stream()
                .filter(k ->
                        !k.at().isAfter(e.time()) && k.at().isAfter(e.time().minus(java.time.Duration.ofDays(days))))
                .map(k -> Map.<String, Object>of(
                        "kind", k.kind(), "reference", k.reference(), "company", k.company(), "at", k.at().toString()))
                .toList();
        if (enabled(rep) && who.staffId() != null && !recent.isEmpty()) {
            findings.add(finding(
                    REP_CONTACT,
                    Severity.HIGH,
                    rep,
                    e,
                    c,
                    who,
                    approval,
                    "与医药代表接触后 " + days + " 天内查询统方数据 / statistics query after a contact with a representative",
                    "DAY:" + day + ":" + statementKey,
                    Map.of("limit", days + " days without a contact", "actual", recent)));
        }
        return findings;
    }

    /**
     * STAT_SELF_ACCESS: a user of Qingfeng read one prescriber's statistics (a drill-down) without an open case about
     * that prescriber and without an approval ticket covering the read.
     *
     * @param e the read, as a data-access event of source {@code qingfeng} (its {@code apiCall} names what was read)
     * @param c the read described as a statistics query (dimensions, the prescriber as target)
     * @param openCase the open case about the prescriber that covers the read, or null when there is none
     * @param caseChecked what was looked for, in words (for the evidence)
     */
    public List<Finding> selfAccess(
            DataAccessEvent e,
            Classification c,
            Attribution who,
            Approval approval,
            String openCase,
            String caseChecked,
            RuleSettings settings) {
        if (!enabled(settings) || approval.covers() || openCase != null) {
            return List.of();
        }
        String day = e.time().atZone(zone).toLocalDate().toString();
        String target = String.join(",", c.targets());
        Map<String, Object> limit = new LinkedHashMap<>();
        limit.put("limit", "an open case about the prescriber, or an approval ticket");
        limit.put("actual", "no open case; " + approval.reason());
        limit.put("prescriber", target);
        limit.put("caseChecked", caseChecked);
        return List.of(finding(
                SELF_ACCESS,
                Severity.MEDIUM,
                settings,
                e,
                c,
                who,
                approval,
                "无在办案件或审批查阅医师 " + target + " 的统方数据 / a prescriber's statistics read without a case or approval",
                "DAY:" + day + ":" + target,
                limit));
    }

    /** Monday to Friday unless a configured holiday, plus configured weekend working days (调休), within the hours. */
    private static boolean withinWorkingHours(ZonedDateTime at, String hours, RuleSettings s) {
        LocalDate day = at.toLocalDate();
        boolean weekend = at.getDayOfWeek() == DayOfWeek.SATURDAY || at.getDayOfWeek() == DayOfWeek.SUNDAY;
        boolean holiday = s.getHolidays() != null && s.getHolidays().contains(day);
        boolean makeUpDay = s.getWorkdays() != null && s.getWorkdays().contains(day);
        if (holiday || (weekend && !makeUpDay)) {
            return false;
        }
        LocalTime t = at.toLocalTime();
        return !t.isBefore(LocalTime.parse(hours.substring(0, 5))) && t.isBefore(LocalTime.parse(hours.substring(6)));
    }

    private static boolean enabled(RuleSettings s) {
        return !Boolean.FALSE.equals(s.getEnabled());
    }

    private static Finding finding(
            String code,
            Severity severity,
            RuleSettings settings,
            DataAccessEvent e,
            Classification c,
            Attribution who,
            Approval approval,
            String title,
            String scope,
            Map<String, Object> limitAndActual) {
        Map<String, Object> evidence = new LinkedHashMap<>(limitAndActual);
        evidence.put("statement", c.normalized());
        evidence.put("classification", c.reason());
        evidence.put("heuristic", c.heuristic());
        evidence.put("dimensions", List.copyOf(c.dimensions()));
        evidence.put("targets", c.targets());
        evidence.put("tables", List.copyOf(c.tables()));
        Map<String, Object> whoMap = new LinkedHashMap<>();
        whoMap.put("staffId", who.staffId());
        whoMap.put("staffName", who.staffName());
        whoMap.put("account", who.account());
        whoMap.put("sharedAccount", who.shared());
        whoMap.put("resolvedBy", who.resolvedBy());
        if (!who.basis().isEmpty()) {
            whoMap.put("basis", who.basis());
        }
        whoMap.put("user", e.user());
        whoMap.put("dbUser", e.dbUser());
        whoMap.put("clientIp", e.clientIp());
        whoMap.put("terminal", e.terminal());
        whoMap.put("application", e.application());
        evidence.put("who", whoMap);
        evidence.put("when", e.time().toString());
        evidence.put("rows", e.rows());
        evidence.put("source", e.source());
        Map<String, Object> approvalMap = new LinkedHashMap<>();
        approvalMap.put("covers", approval.covers());
        approvalMap.put("ticket", approval.ticket());
        approvalMap.put("validity", approval.validity());
        approvalMap.put("reason", approval.reason());
        evidence.put("approval", approvalMap);
        Subject subject = who.staffId() != null
                ? new Subject(SubjectType.STAFF, who.staffId(), who.staffName())
                : new Subject(SubjectType.ACCOUNT, who.account(), who.account());
        return new Finding(
                code,
                settings.getSeverity() != null ? settings.getSeverity() : severity,
                Inbox.DISCIPLINE,
                subject,
                null,
                scope,
                title,
                false,
                evidence);
    }
}
