package org.qingfeng.app.alert;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.qingfeng.app.persistence.Timestamps;
import org.qingfeng.config.Severity;
import org.qingfeng.monitors.finding.Finding;
import org.qingfeng.monitors.finding.Inbox;
import org.qingfeng.monitors.finding.Subject;
import org.qingfeng.monitors.finding.SubjectType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;

public class AlertRepository {

    public record Transition(AlertStatus from, AlertStatus to, String reason, String actor, Instant at) {}

    private static final RowMapper<Alert> ROW = (rs, n) -> new Alert(
            rs.getLong("id"),
            rs.getString("rule_code"),
            Severity.valueOf(rs.getString("severity")),
            AlertStatus.valueOf(rs.getString("status")),
            Inbox.valueOf(rs.getString("inbox")),
            new Subject(
                    SubjectType.valueOf(rs.getString("subject_type")),
                    rs.getString("subject_id"),
                    rs.getString("subject_name")),
            rs.getString("department_code"),
            rs.getString("scope"),
            rs.getString("title"),
            Timestamps.instant(rs.getTimestamp("raised_at")),
            rs.getBoolean("justified"),
            rs.getString("evidence"),
            Timestamps.instant(rs.getTimestamp("updated_at")),
            rs.getString("review_status") == null
                    ? null
                    : new Alert.Review(
                            ReviewStatus.valueOf(rs.getString("review_status")),
                            rs.getString("review_category"),
                            rs.getString("prescriber_justification")));

    private final JdbcTemplate jdbc;

    public AlertRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Alert> findByDedupeKey(String key) {
        return jdbc.query("SELECT * FROM alert WHERE dedupe_key = ?", ROW, key).stream()
                .findFirst();
    }

    public long insert(Finding f, String evidenceJson, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(
                con -> {
                    PreparedStatement ps = con.prepareStatement(
                            "INSERT INTO alert (rule_code, severity, status, inbox, subject_type, subject_id,"
                                    + " subject_name, scope, title, justified, evidence, dedupe_key, raised_at, updated_at,"
                                    + " department_code, review_status)"
                                    + " VALUES (?,?,'NEW',?,?,?,?,?,?,?,?,?,?,?,?,?)",
                            new String[] {"id"});
                    ps.setString(1, f.rule());
                    ps.setString(2, f.severity().name());
                    ps.setString(3, f.inbox().name());
                    ps.setString(4, f.subject().type().name());
                    ps.setString(5, f.subject().id());
                    ps.setString(6, f.subject().name());
                    ps.setString(7, f.scope());
                    ps.setString(8, f.title());
                    ps.setBoolean(9, f.justified());
                    ps.setString(10, evidenceJson);
                    ps.setString(11, f.dedupeKey());
                    ps.setTimestamp(12, Timestamps.of(now));
                    ps.setTimestamp(13, Timestamps.of(now));
                    ps.setString(14, f.department());
                    // prescription warnings of the pharmacy queue wait for a pharmacist's review
                    boolean reviewed = f.inbox() == Inbox.PHARMACY && f.scope().startsWith("RX:");
                    ps.setString(15, reviewed ? ReviewStatus.PENDING.name() : null);
                    return ps;
                },
                key);
        return key.getKeyAs(Number.class).longValue();
    }

    /** Refreshes an alert nobody has looked at yet, when a later message changed its prescription. */
    public void refresh(long id, Finding f, String evidenceJson, Instant now) {
        jdbc.update(
                "UPDATE alert SET severity = ?, title = ?, justified = ?, evidence = ?, updated_at = ?"
                        + " WHERE id = ? AND status = 'NEW'",
                f.severity().name(),
                f.title(),
                f.justified(),
                evidenceJson,
                Timestamps.of(now),
                id);
    }

    public Optional<Alert> find(long id) {
        return jdbc.query("SELECT * FROM alert WHERE id = ?", ROW, id).stream().findFirst();
    }

    public List<Alert> list(AlertQuery q) {
        StringBuilder sql = new StringBuilder("SELECT * FROM alert WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (q.rule() != null) {
            sql.append(" AND rule_code = ?");
            args.add(q.rule());
        }
        if (q.status() != null) {
            sql.append(" AND status = ?");
            args.add(q.status().name());
        }
        if (q.subject() != null) {
            sql.append(" AND subject_id = ?");
            args.add(q.subject());
        }
        if (q.since() != null) {
            sql.append(" AND raised_at >= ?");
            args.add(Timestamps.of(q.since()));
        }
        if (q.until() != null) {
            sql.append(" AND raised_at < ?");
            args.add(Timestamps.of(q.until()));
        }
        if (q.department() != null) {
            sql.append(" AND department_code = ?");
            args.add(q.department());
        }
        if (q.reviews() != null && !q.reviews().isEmpty()) {
            sql.append(" AND review_status IN (")
                    .append(String.join(",", q.reviews().stream().map(r -> "?").toList()))
                    .append(")");
            q.reviews().forEach(r -> args.add(r.name()));
        }
        if (q.inboxes() != null) {
            if (q.inboxes().isEmpty()) {
                return List.of();
            }
            sql.append(" AND inbox IN (")
                    .append(String.join(",", q.inboxes().stream().map(i -> "?").toList()))
                    .append(")");
            q.inboxes().forEach(i -> args.add(i.name()));
        }
        if (q.beforeId() != null) {
            sql.append(" AND id < ?");
            args.add(q.beforeId());
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        args.add(q.limit());
        return jdbc.query(sql.toString(), ROW, args.toArray());
    }

    /** Moves the alert only if it is still in {@code from}; false when someone else moved it first. */
    public boolean transition(long id, AlertStatus from, AlertStatus to, String reason, String actor, Instant now) {
        int n = jdbc.update(
                "UPDATE alert SET status = ?, updated_at = ? WHERE id = ? AND status = ?",
                to.name(),
                Timestamps.of(now),
                id,
                from.name());
        if (n == 0) {
            return false;
        }
        jdbc.update(
                "INSERT INTO alert_transition (alert_id, from_status, to_status, reason, actor, changed_at) VALUES (?,?,?,?,?,?)",
                id,
                from.name(),
                to.name(),
                reason,
                actor,
                Timestamps.of(now));
        return true;
    }

    public List<Transition> transitions(long id) {
        return jdbc.query(
                "SELECT * FROM alert_transition WHERE alert_id = ? ORDER BY id",
                (rs, n) -> new Transition(
                        AlertStatus.valueOf(rs.getString("from_status")),
                        AlertStatus.valueOf(rs.getString("to_status")),
                        rs.getString("reason"),
                        rs.getString("actor"),
                        Timestamps.instant(rs.getTimestamp("changed_at"))),
                id);
    }

    /** Records a review decision on the alert; false when another review changed it first. */
    public boolean review(long id, ReviewStatus from, ReviewStatus to, String category, Instant now) {
        return jdbc.update(
                        "UPDATE alert SET review_status = ?, review_category = ?, updated_at = ?"
                                + " WHERE id = ? AND review_status = ?",
                        to.name(),
                        category,
                        Timestamps.of(now),
                        id,
                        from.name())
                > 0;
    }

    /** Attaches the prescriber's justification (正当理由) and puts the warning back in the review queue. */
    public boolean justify(long id, ReviewStatus from, String text, Instant now) {
        return jdbc.update(
                        "UPDATE alert SET review_status = ?, prescriber_justification = ?, justified = TRUE,"
                                + " updated_at = ? WHERE id = ? AND review_status = ?",
                        ReviewStatus.JUSTIFIED.name(),
                        text,
                        Timestamps.of(now),
                        id,
                        from.name())
                > 0;
    }
}
