package org.qingfeng.app.persistence;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.qingfeng.connectors.hl7.RejectedMessage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/** The dead-letter table: every message answered AR or AE, with its reason, until replayed. */
public class DeadLetterRepository {

    public record DeadLetter(
            long id,
            String channel,
            String feedId,
            Instant receivedAt,
            String sender,
            String controlId,
            String messageType,
            String charset,
            byte[] raw,
            String ackCode,
            String errorLocation,
            String reason,
            String status,
            int attempts,
            Instant lastAttemptAt) {}

    private static final RowMapper<DeadLetter> ROW = (rs, n) -> new DeadLetter(
            rs.getLong("id"),
            rs.getString("channel"),
            rs.getString("feed_id"),
            Timestamps.instant(rs.getTimestamp("received_at")),
            rs.getString("sender"),
            rs.getString("control_id"),
            rs.getString("message_type"),
            rs.getString("charset"),
            rs.getBytes("raw"),
            rs.getString("ack_code"),
            rs.getString("error_location"),
            rs.getString("reason"),
            rs.getString("status"),
            rs.getInt("attempts"),
            Timestamps.instant(rs.getTimestamp("last_attempt_at")));

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public DeadLetterRepository(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Inserts a dead letter, or records another failed attempt on the one being replayed. */
    public long save(RejectedMessage m) {
        if (m.replayOf() != null) {
            jdbc.update(
                    "UPDATE dead_letter SET attempts = attempts + 1, last_attempt_at = ?, ack_code = ?,"
                            + " error_location = ?, reason = ? WHERE id = ?",
                    Timestamps.of(clock.instant()),
                    m.ackCode(),
                    m.location(),
                    truncate(m.reason()),
                    m.replayOf());
            return m.replayOf();
        }
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(
                con -> {
                    PreparedStatement ps = con.prepareStatement(
                            "INSERT INTO dead_letter (channel, feed_id, received_at, sender, control_id, message_type,"
                                    + " charset, raw, ack_code, error_location, reason, status, last_attempt_at)"
                                    + " VALUES (?,?,?,?,?,?,?,?,?,?,?,'OPEN',?)",
                            new String[] {"id"});
                    ps.setString(1, channel(m.feedId()));
                    ps.setString(2, m.feedId());
                    ps.setTimestamp(3, Timestamps.of(m.receivedAt()));
                    ps.setString(
                            4,
                            m.header().sendingApplication() == null
                                    ? null
                                    : truncate200(m.header().sender()));
                    ps.setString(5, truncate200(m.header().controlId()));
                    ps.setString(
                            6,
                            m.header().messageType() == null ? null : m.header().typeAndEvent());
                    ps.setString(7, m.charset());
                    ps.setBytes(8, m.raw());
                    ps.setString(9, m.ackCode());
                    ps.setString(10, m.location());
                    ps.setString(11, truncate(m.reason()));
                    ps.setTimestamp(12, Timestamps.of(m.receivedAt()));
                    return ps;
                },
                key);
        return key.getKeyAs(Number.class).longValue();
    }

    /** The channel a feed belongs to: FHIR sources, tailed audit logs, else the HL7 v2 feeds. */
    static String channel(String feedId) {
        if (feedId.startsWith("fhir:")) {
            return "FHIR";
        }
        return feedId.startsWith("audit:") ? "AUDIT" : "HL7V2";
    }

    public void markReplayed(long id) {
        jdbc.update(
                "UPDATE dead_letter SET status = 'REPLAYED', attempts = attempts + 1, last_attempt_at = ? WHERE id = ?",
                Timestamps.of(clock.instant()),
                id);
    }

    public Optional<DeadLetter> find(long id) {
        return jdbc.query("SELECT * FROM dead_letter WHERE id = ?", ROW, id).stream()
                .findFirst();
    }

    /** Newest first, keyset-paged on id. */
    public List<DeadLetter> list(String status, Long beforeId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM dead_letter WHERE 1 = 1");
        List<Object> args = new java.util.ArrayList<>();
        if (status != null) {
            sql.append(" AND status = ?");
            args.add(status);
        }
        if (beforeId != null) {
            sql.append(" AND id < ?");
            args.add(beforeId);
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), ROW, args.toArray());
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 2000 ? s : s.substring(0, 2000);
    }

    private static String truncate200(String s) {
        return s == null || s.length() <= 200 ? s : s.substring(0, 200);
    }
}
