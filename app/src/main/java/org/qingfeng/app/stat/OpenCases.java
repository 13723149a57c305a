package org.qingfeng.app.stat;

import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Where STAT_SELF_ACCESS learns whether a staff member is the subject of an open case, which makes reading their
 * statistics part of the work. Until the case workflow (rules.md §7) exists, an open case is an alert about the person
 * that was escalated to a case: {@link #escalatedAlerts}.
 */
public interface OpenCases {

    /** The open case about the staff member, described (e.g. {@code alert 17 PAT_PEER_OUTLIER, escalated}); or empty. */
    Optional<String> about(String staffId);

    /** What {@link #about} looks for, in words, for the evidence of a finding. */
    String looksFor(String staffId);

    /** An alert about the person whose status is ESCALATED is an open case. */
    static OpenCases escalatedAlerts(JdbcTemplate jdbc) {
        return new OpenCases() {
            @Override
            public Optional<String> about(String staffId) {
                return jdbc
                        .query(
                                "SELECT id, rule_code FROM alert WHERE subject_type = 'STAFF' AND subject_id = ?"
                                        + " AND status = 'ESCALATED' ORDER BY id DESC LIMIT 1",
                                (rs, n) -> "alert " + rs.getLong(1) + " " + rs.getString(2) + ", escalated to a case",
                                staffId)
                        .stream()
                        .findFirst();
            }

            @Override
            public String looksFor(String staffId) {
                return "an alert about " + staffId + " escalated to a case";
            }
        };
    }
}
