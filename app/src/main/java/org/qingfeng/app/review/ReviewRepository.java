package org.qingfeng.app.review;

import java.time.Instant;
import java.util.List;
import org.qingfeng.app.persistence.Timestamps;
import org.qingfeng.monitors.review.ConfirmedIrrational;
import org.qingfeng.monitors.review.PrivilegeState;
import org.qingfeng.monitors.review.ReviewCategory;
import org.springframework.jdbc.core.JdbcTemplate;

/** Review actions (the audit trail of 审方 and 处方点评) and prescribers' privilege states. */
public class ReviewRepository {

    /** One audited review action. */
    public record Action(
            long id,
            String prescriptionKey,
            String prescriberId,
            Long alertId,
            Long sampleItemId,
            String action,
            String category,
            String note,
            String actor,
            Instant at) {}

    /** A prescriber's current privilege state; NORMAL since ever when nothing was recorded. */
    public record Privilege(String staffId, PrivilegeState state, Instant since, String reason, String changedBy) {}

    public record PrivilegeChange(
            PrivilegeState from, PrivilegeState to, String reason, String changedBy, Instant changedAt) {}

    private final JdbcTemplate jdbc;

    public ReviewRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void record(
            String prescriptionKey,
            String prescriberId,
            Long alertId,
            Long sampleItemId,
            String action,
            String category,
            String note,
            String actor,
            Instant at) {
        jdbc.update(
                "INSERT INTO rx_review (prescription_key, prescriber_id, alert_id, sample_item_id, action, category,"
                        + " note, actor, acted_at) VALUES (?,?,?,?,?,?,?,?,?)",
                prescriptionKey,
                prescriberId,
                alertId,
                sampleItemId,
                action,
                category,
                note,
                actor,
                Timestamps.of(at));
    }

    public List<Action> forAlert(long alertId) {
        return jdbc.query(
                "SELECT * FROM rx_review WHERE alert_id = ? ORDER BY id",
                (rs, n) -> new Action(
                        rs.getLong("id"),
                        rs.getString("prescription_key"),
                        rs.getString("prescriber_id"),
                        rs.getObject("alert_id") == null ? null : rs.getLong("alert_id"),
                        rs.getObject("sample_item_id") == null ? null : rs.getLong("sample_item_id"),
                        rs.getString("action"),
                        rs.getString("category"),
                        rs.getString("note"),
                        rs.getString("actor"),
                        Timestamps.instant(rs.getTimestamp("acted_at"))),
                alertId);
    }

    /** The prescriber's prescriptions confirmed irrational after {@code since} (all of them when null). */
    public List<ConfirmedIrrational> confirmedIrrational(String prescriberId, Instant since) {
        return jdbc.query(
                "SELECT * FROM rx_review WHERE prescriber_id = ? AND action = 'IRRATIONAL' AND acted_at > ?"
                        + " ORDER BY acted_at, id",
                (rs, n) -> new ConfirmedIrrational(
                        rs.getString("prescription_key"),
                        ReviewCategory.valueOf(rs.getString("category")),
                        rs.getString("actor"),
                        Timestamps.instant(rs.getTimestamp("acted_at")),
                        rs.getObject("alert_id") != null
                                ? "alert:" + rs.getLong("alert_id")
                                : "sample-item:" + rs.getLong("sample_item_id")),
                prescriberId,
                Timestamps.of(since == null ? Instant.EPOCH : since));
    }

    public Privilege privilege(String staffId) {
        return jdbc
                .query(
                        "SELECT * FROM prescriber_privilege WHERE staff_id = ?",
                        (rs, n) -> new Privilege(
                                staffId,
                                PrivilegeState.valueOf(rs.getString("state")),
                                Timestamps.instant(rs.getTimestamp("since")),
                                rs.getString("reason"),
                                rs.getString("changed_by")),
                        staffId)
                .stream()
                .findFirst()
                .orElse(new Privilege(staffId, PrivilegeState.NORMAL, null, null, null));
    }

    public void setPrivilege(Privilege current, PrivilegeState to, String reason, String actor, Instant now) {
        int updated = jdbc.update(
                "UPDATE prescriber_privilege SET state = ?, since = ?, reason = ?, changed_by = ? WHERE staff_id = ?",
                to.name(),
                Timestamps.of(now),
                reason,
                actor,
                current.staffId());
        if (updated == 0) {
            jdbc.update(
                    "INSERT INTO prescriber_privilege (staff_id, state, since, reason, changed_by) VALUES (?,?,?,?,?)",
                    current.staffId(),
                    to.name(),
                    Timestamps.of(now),
                    reason,
                    actor);
        }
        jdbc.update(
                "INSERT INTO prescriber_privilege_history (staff_id, from_state, to_state, reason, changed_by,"
                        + " changed_at) VALUES (?,?,?,?,?,?)",
                current.staffId(),
                current.state().name(),
                to.name(),
                reason,
                actor,
                Timestamps.of(now));
    }

    public List<PrivilegeChange> privilegeHistory(String staffId) {
        return jdbc.query(
                "SELECT * FROM prescriber_privilege_history WHERE staff_id = ? ORDER BY id",
                (rs, n) -> new PrivilegeChange(
                        PrivilegeState.valueOf(rs.getString("from_state")),
                        PrivilegeState.valueOf(rs.getString("to_state")),
                        rs.getString("reason"),
                        rs.getString("changed_by"),
                        Timestamps.instant(rs.getTimestamp("changed_at"))),
                staffId);
    }

    /** Privilege states other than NORMAL of these prescribers, for showing next to their names. */
    public java.util.Map<String, PrivilegeState> nonNormalStates(java.util.Collection<String> staffIds) {
        java.util.Map<String, PrivilegeState> states = new java.util.HashMap<>();
        List<String> ids =
                staffIds.stream().filter(java.util.Objects::nonNull).distinct().toList();
        if (ids.isEmpty()) {
            return states;
        }
        jdbc.query(
                "SELECT staff_id, state FROM prescriber_privilege WHERE state <> 'NORMAL' AND staff_id IN ("
                        + String.join(",", java.util.Collections.nCopies(ids.size(), "?")) + ")",
                rs -> {
                    states.put(rs.getString("staff_id"), PrivilegeState.valueOf(rs.getString("state")));
                },
                ids.toArray());
        return states;
    }
}
