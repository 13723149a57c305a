package org.qingfeng.app.pattern;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.qingfeng.app.persistence.Timestamps;
import org.springframework.jdbc.core.JdbcTemplate;

/** Stored pattern reports: one per type and period, replaced by a re-run. */
public class ReportRepository {

    public record StoredReport(String type, String period, Instant generatedAt, String generatedBy, String body) {}

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public ReportRepository(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void save(String type, String period, String user, String body) {
        int updated = jdbc.update(
                "UPDATE pattern_report SET generated_at = ?, generated_by = ?, body = ? WHERE report_type = ?"
                        + " AND period = ?",
                Timestamps.of(clock.instant()),
                user,
                body,
                type,
                period);
        if (updated == 0) {
            jdbc.update(
                    "INSERT INTO pattern_report (report_type, period, generated_at, generated_by, body)"
                            + " VALUES (?,?,?,?,?)",
                    type,
                    period,
                    Timestamps.of(clock.instant()),
                    user,
                    body);
        }
    }

    public Optional<StoredReport> find(String type, String period) {
        return jdbc
                .query(
                        "SELECT report_type, period, generated_at, generated_by, body FROM pattern_report"
                                + " WHERE report_type = ? AND period = ?",
                        (rs, n) -> new StoredReport(
                                rs.getString(1),
                                rs.getString(2),
                                Timestamps.instant(rs.getTimestamp(3)),
                                rs.getString(4),
                                rs.getString(5)),
                        type,
                        period)
                .stream()
                .findFirst();
    }
}
