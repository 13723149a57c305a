package org.qingfeng.app.stat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.qingfeng.app.alert.AlertService;
import org.qingfeng.app.audit.AccessAudit;
import org.qingfeng.app.persistence.Timestamps;
import org.qingfeng.config.QingfengProperties;
import org.qingfeng.config.RuleSettings;
import org.qingfeng.config.reference.ReferenceCsv;
import org.qingfeng.monitors.ReferenceData;
import org.qingfeng.monitors.finding.Finding;
import org.qingfeng.monitors.stat.ApiCallClassifier;
import org.qingfeng.monitors.stat.Classification;
import org.qingfeng.monitors.stat.DataAccessEvent;
import org.qingfeng.monitors.stat.StatementClassifier;
import org.qingfeng.monitors.stat.StatisticsAccessRules;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes data-access events: classifies each statement, attributes the account to a person, checks the approvals,
 * raises the STAT_* alerts, and writes every statistics query to the ledger, approved or not. Runs in the caller's
 * transaction, so a tailer can commit its file position with what it read.
 */
public class StatisticsAccessService {

    /** What one batch produced. */
    public record Outcome(int events, int statistics, List<Finding> findings) {}

    /**
     * A read of Qingfeng's own per-prescriber statistics, as recorded.
     *
     * @param covered an open case or an approval ticket covers it
     * @param explanation the case or ticket, or why neither does
     * @param raised the rules raised (STAT_SELF_ACCESS, or nothing when covered or when the rule is off)
     */
    public record SelfAccess(boolean covered, String explanation, List<String> raised) {}

    /** Qingfeng's own drill-downs read the usage rollups. */
    static final String ROLLUP_TABLE = "usage_day";

    private final JdbcTemplate jdbc;
    private final AlertService alerts;
    private final QingfengProperties properties;
    private final TransactionTemplate tx;
    private final ZoneId zone;
    private final StatementClassifier classifier;
    private final ApiCallClassifier apiCalls;
    private final StatisticsAccessRules rules;
    private final RepContacts contacts;
    private final OpenCases cases;
    private final AccessAudit audit;
    private final Attributions attributions;
    /** Audited traffic repeats the same statements (prepared statements log their text with $1 placeholders). */
    private final Cache<String, Classification> classifications =
            Caffeine.newBuilder().maximumSize(20_000).build();

    public StatisticsAccessService(
            JdbcTemplate jdbc,
            ReferenceData reference,
            AlertService alerts,
            QingfengProperties properties,
            TransactionTemplate tx,
            ZoneId zone,
            RepContacts contacts,
            OpenCases cases,
            AccessAudit audit) {
        this.contacts = contacts;
        this.cases = cases;
        this.audit = audit;
        this.attributions =
                new Attributions(jdbc, reference, properties.getStatistics().getSharedAccountWindow());
        this.jdbc = jdbc;
        this.alerts = alerts;
        this.properties = properties;
        this.tx = tx;
        this.zone = zone;
        this.classifier = new StatementClassifier(properties.getStatistics().getTables());
        this.apiCalls = new ApiCallClassifier(properties.getStatistics().getApiCalls());
        this.rules = new StatisticsAccessRules(zone);
    }

    /** Processes the events in one transaction (with {@code alsoInTransaction}, e.g. a tailer's position). */
    public Outcome process(List<DataAccessEvent> events, Runnable alsoInTransaction) {
        return tx.execute(status -> {
            int statistics = 0;
            List<Finding> findings = new ArrayList<>();
            for (DataAccessEvent e : events) {
                attributions.notePresence(e);
                Classification c = classify(e);
                if (c == null) {
                    continue;
                }
                if (!c.statistics()) {
                    continue;
                }
                statistics++;
                StatisticsAccessRules.Attribution who = attributions.attribute(e);
                StatisticsAccessRules.Approval approval = approval(who, c, e);
                int narrowBefore =
                        c.targets().isEmpty() ? 0 : narrowBefore(who.identity(), String.join(";", c.targets()), e);
                List<Finding> raised = rules.evaluate(
                        e,
                        c,
                        who,
                        approval,
                        narrowBefore,
                        who.staffId() == null ? List.of() : contacts.of(who.staffId(), e.time()),
                        properties::rule);
                alerts.raise(raised);
                findings.addAll(raised);
                ledger(e, c, who, approval, raised);
            }
            if (alsoInTransaction != null) {
                alsoInTransaction.run();
            }
            return new Outcome(events.size(), statistics, findings);
        });
    }

    /** The statement by the SQL classifier, an API call by the configured statistics APIs; null when neither. */
    private Classification classify(DataAccessEvent e) {
        if (e.statement() != null) {
            return classifications.get(e.statement(), classifier::classify);
        }
        if (e.apiCall() != null) {
            return classifications.get("API " + e.apiCall(), k -> apiCalls.classify(e.apiCall()));
        }
        return null;
    }

    /**
     * Records a Qingfeng user's read of one prescriber's statistics (a drill-down): in the access audit, in the ledger
     * like any statistics query, and as STAT_SELF_ACCESS when no open case about the prescriber and no approval ticket
     * of the user covers it. The user is the person their account is linked to ({@code staffId} of the user).
     *
     * @param call what was read, e.g. {@code GET /api/v1/prescribers/D0003/usage?from=…&to=…}
     * @param rows how many rows the answer holds
     */
    public SelfAccess selfAccess(
            String username, String clientIp, String prescriberId, String call, long rows, Instant at) {
        return tx.execute(status -> {
            DataAccessEvent e =
                    new DataAccessEvent(at, username, null, clientIp, null, "qingfeng", null, call, rows, "qingfeng");
            Classification c = new Classification(
                    true,
                    Set.of("PRESCRIBER", "ITEM"),
                    List.of(prescriberId),
                    Set.of(ROLLUP_TABLE),
                    false,
                    call,
                    "Qingfeng's drill-down into one prescriber's use of each item");
            StatisticsAccessRules.Attribution who = attributions.user(username);
            StatisticsAccessRules.Approval approval = approval(who, c, e);
            Optional<String> openCase = cases.about(prescriberId);
            List<Finding> raised = rules.selfAccess(
                    e,
                    c,
                    who,
                    approval,
                    openCase.orElse(null),
                    cases.looksFor(prescriberId),
                    properties.rule(StatisticsAccessRules.SELF_ACCESS));
            alerts.raise(raised);
            ledger(e, c, who, approval, raised);
            String coveredBy = openCase.orElse(approval.covers() ? approval.reason() : null);
            audit.append(
                    username,
                    "READ_PRESCRIBER_USAGE",
                    "prescriber/" + prescriberId + "/usage",
                    call + " · " + (coveredBy != null ? coveredBy : StatisticsAccessRules.SELF_ACCESS));
            return new SelfAccess(
                    coveredBy != null,
                    coveredBy != null ? coveredBy : "no open case; " + approval.reason(),
                    raised.stream().map(Finding::rule).toList());
        });
    }

    /** Forgets terminal uses older than {@code keep}. */
    public int prunePresence(Instant now, Duration keep) {
        return attributions.prunePresence(now, keep);
    }

    /** An approval ticket of the person covering the day and the query's scope (ALL, a dimension or a table). */
    StatisticsAccessRules.Approval approval(
            StatisticsAccessRules.Attribution who, Classification c, DataAccessEvent e) {
        if (who.staffId() == null) {
            return new StatisticsAccessRules.Approval(
                    false,
                    null,
                    null,
                    who.shared()
                            ? "shared account " + who.account() + " could not be attributed to a person"
                            : "account " + who.account() + " is not attributed to any person");
        }
        LocalDate day = LocalDate.ofInstant(e.time(), zone);
        // imported tickets, and tickets approved in Qingfeng by a second person
        List<ReferenceCsv.Statistician> tickets = jdbc.query(
                "SELECT staff_id, scope, valid_from, valid_to, approved_by, ticket FROM ref_statistician WHERE staff_id = ?"
                        + " UNION ALL SELECT staff_id, scope, valid_from, valid_to, decided_by AS approved_by,"
                        + " 'QF-' || CAST(id AS VARCHAR(20)) AS ticket FROM stat_approval"
                        + " WHERE staff_id = ? AND status = 'APPROVED' ORDER BY valid_to DESC",
                (rs, n) -> new ReferenceCsv.Statistician(
                        rs.getString("staff_id"),
                        rs.getString("scope"),
                        rs.getDate("valid_from").toLocalDate(),
                        rs.getDate("valid_to").toLocalDate(),
                        rs.getString("approved_by"),
                        rs.getString("ticket")),
                who.staffId(),
                who.staffId());
        if (tickets.isEmpty()) {
            return new StatisticsAccessRules.Approval(
                    false, null, null, who.staffId() + " is not an approved statistician");
        }
        String why = null;
        for (ReferenceCsv.Statistician t : tickets) {
            String validity = t.validFrom() + ".." + t.validTo();
            if (day.isBefore(t.validFrom()) || day.isAfter(t.validTo())) {
                why = "ticket " + t.ticket() + " is valid " + validity + ", not on " + day;
                continue;
            }
            if (!covers(t.scope(), c)) {
                why = "ticket " + t.ticket() + " covers " + t.scope() + ", not " + c.dimensions() + " of " + c.tables();
                continue;
            }
            return new StatisticsAccessRules.Approval(
                    true,
                    t.ticket(),
                    validity,
                    "ticket " + t.ticket() + " approved by " + t.approvedBy() + " covers it");
        }
        return new StatisticsAccessRules.Approval(false, tickets.get(0).ticket(), null, why);
    }

    private static boolean covers(String scope, Classification c) {
        for (String part : scope.split(";")) {
            String p = part.trim().toLowerCase(Locale.ROOT);
            if (p.equals("all")
                    || c.dimensions().stream()
                            .anyMatch(d -> d.toLowerCase(Locale.ROOT).equals(p))
                    || c.tables().stream().anyMatch(t -> t.equalsIgnoreCase(p))) {
                return true;
            }
        }
        return false;
    }

    private int narrowBefore(String identity, String targets, DataAccessEvent e) {
        RuleSettings probing = properties.rule(StatisticsAccessRules.PROBING);
        int days = probing.getLookbackDays() != null ? probing.getLookbackDays() : 7;
        Integer n = jdbc.queryForObject(
                "SELECT COUNT(*) FROM stat_ledger WHERE identity = ? AND targets = ? AND occurred_at >= ? AND occurred_at <= ?",
                Integer.class,
                identity,
                targets,
                Timestamps.of(e.time().minus(Duration.ofDays(days))),
                Timestamps.of(e.time()));
        return n == null ? 0 : n;
    }

    private void ledger(
            DataAccessEvent e,
            Classification c,
            StatisticsAccessRules.Attribution who,
            StatisticsAccessRules.Approval approval,
            List<Finding> raised) {
        jdbc.update(
                "INSERT INTO stat_ledger (occurred_at, source, staff_id, staff_name, identity, app_user, db_user, client_ip,"
                        + " terminal, application, statement, dimensions, targets, tables_read, heuristic, row_count,"
                        + " approved, ticket, approval_note, rules_raised, attribution)"
                        + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                Timestamps.of(e.time()),
                e.source(),
                who.staffId(),
                who.staffName(),
                who.identity(),
                e.user(),
                e.dbUser(),
                e.clientIp(),
                e.terminal(),
                e.application(),
                cut(c.normalized(), 4000),
                String.join(";", c.dimensions()),
                c.targets().isEmpty() ? null : cut(String.join(";", c.targets()), 1000),
                cut(String.join(";", c.tables()), 1000),
                c.heuristic(),
                e.rows(),
                approval.covers(),
                approval.ticket(),
                cut(approval.reason(), 1000),
                raised.isEmpty()
                        ? null
                        : String.join(";", raised.stream().map(Finding::rule).toList()),
                attributionNote(who));
    }

    /** How the person was found, for the ledger: e.g. {@code TIME: D0003 used 10.1.9.9 as zhang at …}. */
    private static String attributionNote(StatisticsAccessRules.Attribution who) {
        String how = who.resolvedBy() != null ? who.resolvedBy() : who.shared() ? "SHARED" : "UNATTRIBUTED";
        return cut(who.basis().isEmpty() ? how : how + ": " + String.join("; ", who.basis()), 1000);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
