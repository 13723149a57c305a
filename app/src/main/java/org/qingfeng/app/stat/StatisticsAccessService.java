package org.qingfeng.app.stat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.qingfeng.app.alert.AlertService;
import org.qingfeng.app.persistence.Timestamps;
import org.qingfeng.config.QingfengProperties;
import org.qingfeng.config.RuleSettings;
import org.qingfeng.config.reference.ReferenceCsv;
import org.qingfeng.config.reference.StaffMember;
import org.qingfeng.monitors.ReferenceData;
import org.qingfeng.monitors.finding.Finding;
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

    private final JdbcTemplate jdbc;
    private final ReferenceData reference;
    private final AlertService alerts;
    private final QingfengProperties properties;
    private final TransactionTemplate tx;
    private final ZoneId zone;
    private final StatementClassifier classifier;
    private final StatisticsAccessRules rules;
    private final RepContacts contacts;
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
            RepContacts contacts) {
        this.contacts = contacts;
        this.jdbc = jdbc;
        this.reference = reference;
        this.alerts = alerts;
        this.properties = properties;
        this.tx = tx;
        this.zone = zone;
        this.classifier = new StatementClassifier(properties.getStatistics().getTables());
        this.rules = new StatisticsAccessRules(zone);
    }

    /** Processes the events in one transaction (with {@code alsoInTransaction}, e.g. a tailer's position). */
    public Outcome process(List<DataAccessEvent> events, Runnable alsoInTransaction) {
        return tx.execute(status -> {
            int statistics = 0;
            List<Finding> findings = new ArrayList<>();
            for (DataAccessEvent e : events) {
                if (e.statement() == null) {
                    continue; // API calls: no aggregate API of the HIS is described yet
                }
                Classification c = classifications.get(e.statement(), classifier::classify);
                if (!c.statistics()) {
                    continue;
                }
                statistics++;
                StatisticsAccessRules.Attribution who = attribute(e);
                StatisticsAccessRules.Approval approval = approval(who, c, e);
                String identity = who.staffId() != null ? "STAFF:" + who.staffId() : "ACCOUNT:" + who.account();
                int narrowBefore = c.targets().isEmpty() ? 0 : narrowBefore(identity, String.join(";", c.targets()), e);
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
                ledger(e, c, who, identity, approval, raised);
            }
            if (alsoInTransaction != null) {
                alsoInTransaction.run();
            }
            return new Outcome(events.size(), statistics, findings);
        });
    }

    /** The application user, else the database account; through the account table to a person where possible. */
    StatisticsAccessRules.Attribution attribute(DataAccessEvent e) {
        List<Object[]> candidates = new ArrayList<>();
        if (e.user() != null) {
            candidates.add(new Object[] {"APP", e.user()});
        }
        if (e.dbUser() != null) {
            candidates.add(new Object[] {"DB", e.dbUser()});
        }
        String account = e.user() != null ? e.user() : e.dbUser() != null ? e.dbUser() : "unknown";
        for (Object[] c : candidates) {
            List<ReferenceCsv.Account> found = jdbc.query(
                    "SELECT * FROM ref_account WHERE kind = ? AND LOWER(account) = ?",
                    (rs, n) -> new ReferenceCsv.Account(
                            rs.getString("account"),
                            rs.getString("kind"),
                            rs.getString("staff_id"),
                            rs.getBoolean("shared")),
                    c[0],
                    ((String) c[1]).toLowerCase(Locale.ROOT));
            if (!found.isEmpty()) {
                ReferenceCsv.Account a = found.get(0);
                if (a.shared() || a.staffId() == null) {
                    Optional<StaffMember> byTerminal = byTerminal(e);
                    if (byTerminal.isPresent()) {
                        return attribution(byTerminal.get(), a.account());
                    }
                    return new StatisticsAccessRules.Attribution(null, null, a.account(), true, List.of());
                }
                Optional<StaffMember> staff = reference.staff(a.staffId());
                return staff.map(s -> attribution(s, a.account()))
                        .orElse(new StatisticsAccessRules.Attribution(
                                a.staffId(), null, a.account(), false, List.of()));
            }
        }
        // an account named after a roster id is that person
        Optional<StaffMember> direct = reference.staff(account);
        return direct.map(s -> attribution(s, account))
                .orElse(new StatisticsAccessRules.Attribution(null, null, account, false, List.of()));
    }

    /** A shared account resolved by the terminal it was used from, when exactly one person registered it. */
    private Optional<StaffMember> byTerminal(DataAccessEvent e) {
        String from = e.terminal() != null ? e.terminal() : e.clientIp();
        if (from == null) {
            return Optional.empty();
        }
        List<String> ids = jdbc.queryForList(
                "SELECT id FROM ref_staff WHERE ';' || terminals || ';' LIKE ?", String.class, "%;" + from + ";%");
        return ids.size() == 1 ? reference.staff(ids.get(0)) : Optional.empty();
    }

    private static StatisticsAccessRules.Attribution attribution(StaffMember s, String account) {
        return new StatisticsAccessRules.Attribution(s.id(), s.name(), account, false, s.terminals());
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
                    || c.tables().contains(p)) {
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
            String identity,
            StatisticsAccessRules.Approval approval,
            List<Finding> raised) {
        jdbc.update(
                "INSERT INTO stat_ledger (occurred_at, source, staff_id, staff_name, identity, app_user, db_user, client_ip,"
                        + " terminal, application, statement, dimensions, targets, tables_read, heuristic, row_count,"
                        + " approved, ticket, approval_note, rules_raised) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                Timestamps.of(e.time()),
                e.source(),
                who.staffId(),
                who.staffName(),
                identity,
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
                        : String.join(";", raised.stream().map(Finding::rule).toList()));
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
