package org.qingfeng.app.pattern;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.qingfeng.app.persistence.Timestamps;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Justifications of pattern findings (specialist clinic, research protocol…). Someone answers a pattern alert with a
 * reason; the discipline office accepts or rejects it. An accepted one suppresses the same rule for the same subject
 * and item until its end date, so the next month's run does not raise the same finding again.
 */
public class PatternJustifications {

    /** Item key of findings that are not about one item (VBP share, antibiotic indicators). */
    public static final String ANY_ITEM = "*";

    private final JdbcTemplate jdbc;

    public PatternJustifications(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public boolean suppressed(String rule, String subjectId, String itemCode, Instant at) {
        Integer n = jdbc.queryForObject(
                "SELECT COUNT(*) FROM pattern_justification WHERE rule_code = ? AND subject_id = ? AND item_code = ?"
                        + " AND decision = 'ACCEPTED' AND suppress_until > ?",
                Integer.class,
                rule,
                subjectId,
                itemCode,
                Timestamps.of(at));
        return n != null && n > 0;
    }

    public long submit(
            long alertId, String rule, String subjectId, String itemCode, String reason, String user, Instant at) {
        org.springframework.jdbc.support.GeneratedKeyHolder key =
                new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.update(
                con -> {
                    var ps = con.prepareStatement(
                            "INSERT INTO pattern_justification (alert_id, rule_code, subject_id, item_code, reason,"
                                    + " submitted_by, submitted_at, decision) VALUES (?,?,?,?,?,?,?,'PENDING')",
                            new String[] {"id"});
                    ps.setLong(1, alertId);
                    ps.setString(2, rule);
                    ps.setString(3, subjectId);
                    ps.setString(4, itemCode);
                    ps.setString(5, reason);
                    ps.setString(6, user);
                    ps.setTimestamp(7, Timestamps.of(at));
                    return ps;
                },
                key);
        return key.getKey().longValue();
    }

    /** Records the decision on a pending justification; false if there is none pending with that id. */
    public boolean decide(long id, boolean accept, String note, Duration suppressFor, String user, Instant at) {
        return jdbc.update(
                        "UPDATE pattern_justification SET decision = ?, decided_by = ?, decided_at = ?, decision_note = ?,"
                                + " suppress_until = ? WHERE id = ? AND decision = 'PENDING'",
                        accept ? "ACCEPTED" : "REJECTED",
                        user,
                        Timestamps.of(at),
                        note,
                        accept ? Timestamps.of(at.plus(suppressFor)) : null,
                        id)
                == 1;
    }

    public List<Map<String, Object>> list(String decision) {
        return decision == null
                ? jdbc.queryForList("SELECT * FROM pattern_justification ORDER BY id DESC LIMIT 500")
                : jdbc.queryForList(
                        "SELECT * FROM pattern_justification WHERE decision = ? ORDER BY id DESC LIMIT 500", decision);
    }

    public Map<String, Object> get(long id) {
        return jdbc.queryForList("SELECT * FROM pattern_justification WHERE id = ?", id).stream()
                .findFirst()
                .orElse(null);
    }
}
