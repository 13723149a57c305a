package org.qingfeng.app.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qingfeng.app.persistence.Timestamps;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Append-only, hash-chained log of reads of per-prescriber statistics (quality.md): each entry's hash covers its
 * content and the previous entry's hash, so a changed or deleted entry breaks the chain at that point. Appends lock
 * the chain's head row, which orders them even across nodes. The AUDITOR role verifies the chain.
 */
public class AccessAudit {

    static final String GENESIS = "0".repeat(64);

    public record Entry(long id, Instant at, String actor, String action, String resource, String detail) {}

    public record Verification(long entries, boolean valid, Long firstBrokenId, String reason) {}

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    public AccessAudit(JdbcTemplate jdbc, TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    /** Records one read; joins the caller's transaction when there is one. */
    public long append(String actor, String action, String resource, String detail) {
        Long id = tx.execute(status -> {
            Map<String, Object> head =
                    jdbc.queryForMap("SELECT last_id, hash FROM access_audit_head WHERE id = 1 FOR UPDATE");
            long next = ((Number) head.get("last_id")).longValue() + 1;
            Entry e = new Entry(next, clock.instant().truncatedTo(ChronoUnit.MILLIS), actor, action, resource, detail);
            String prev = (String) head.get("hash");
            String hash = hash(prev, e);
            jdbc.update(
                    "INSERT INTO access_audit (id, read_at, actor, action, resource, detail, prev_hash, hash)"
                            + " VALUES (?,?,?,?,?,?,?,?)",
                    e.id(),
                    Timestamps.of(e.at()),
                    actor,
                    action,
                    resource,
                    detail,
                    prev,
                    hash);
            jdbc.update("UPDATE access_audit_head SET last_id = ?, hash = ? WHERE id = 1", next, hash);
            return next;
        });
        return id == null ? 0 : id;
    }

    public List<Map<String, Object>> recent(int limit) {
        return jdbc.queryForList(
                "SELECT id, read_at, actor, action, resource, detail, hash FROM access_audit ORDER BY id DESC LIMIT "
                        + Math.max(1, Math.min(limit, 1000)));
    }

    /** Recomputes the whole chain. */
    public Verification verify() {
        String[] prev = {GENESIS};
        long[] count = {0};
        Long[] broken = {null};
        String[] reason = {null};
        jdbc.query(
                "SELECT id, read_at, actor, action, resource, detail, prev_hash, hash FROM access_audit ORDER BY id",
                rs -> {
                    if (broken[0] != null) {
                        return;
                    }
                    long id = rs.getLong(1);
                    count[0]++;
                    Entry e = new Entry(
                            id,
                            Timestamps.instant(rs.getTimestamp(2)),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6));
                    if (id != count[0]) {
                        broken[0] = id;
                        reason[0] = "entry " + count[0] + " is missing";
                    } else if (!prev[0].equals(rs.getString(7))) {
                        broken[0] = id;
                        reason[0] = "previous hash does not match entry " + (id - 1);
                    } else if (!hash(prev[0], e).equals(rs.getString(8))) {
                        broken[0] = id;
                        reason[0] = "content does not match its hash";
                    }
                    prev[0] = rs.getString(8);
                });
        if (broken[0] == null) {
            Map<String, Object> head = jdbc.queryForMap("SELECT last_id, hash FROM access_audit_head WHERE id = 1");
            if (((Number) head.get("last_id")).longValue() != count[0] || !prev[0].equals(head.get("hash"))) {
                return new Verification(count[0], false, count[0] + 1, "entries after " + count[0] + " are missing");
            }
        }
        return new Verification(count[0], broken[0] == null, broken[0], reason[0]);
    }

    static String hash(String previous, Entry e) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("prev", previous);
            fields.put("id", e.id());
            fields.put("at", e.at().toString());
            fields.put("actor", e.actor());
            fields.put("action", e.action());
            fields.put("resource", e.resource());
            fields.put("detail", e.detail());
            StringBuilder canonical = new StringBuilder();
            fields.forEach((k, v) -> canonical
                    .append(k)
                    .append('=')
                    .append(v == null ? "" : v.toString().replace("\\", "\\\\").replace("\n", "\\n"))
                    .append('\n'));
            return HexFormat.of().formatHex(sha.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is part of every JVM", ex);
        }
    }
}
