package org.qingfeng.app.stat;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.qingfeng.app.persistence.Timestamps;
import org.qingfeng.app.web.ApiException;
import org.qingfeng.monitors.ReferenceData;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Approval tickets for prescription statistics, with two-person approval: one user requests a ticket for a
 * statistician (who, scope, period, purpose), a second user of the discipline office approves or rejects it. Only an
 * approved ticket covers queries; the requester can never approve their own request.
 */
@RestController
@RequestMapping("/api/v1/statistics-approvals")
public class ApprovalController {

    private final JdbcTemplate jdbc;
    private final ReferenceData reference;
    private final Clock clock;

    public ApprovalController(JdbcTemplate jdbc, ReferenceData reference, Clock clock) {
        this.jdbc = jdbc;
        this.reference = reference;
        this.clock = clock;
    }

    public record ApprovalRequest(String staffId, String scope, String validFrom, String validTo, String purpose) {}

    public record Decision(String note) {}

    @PostMapping
    @PreAuthorize("hasAnyRole('DISCIPLINE', 'IT_ADMIN', 'PHARMACIST')")
    public Map<String, Object> request(@RequestBody ApprovalRequest r, Authentication user) {
        if (r.staffId() == null || reference.staff(r.staffId()).isEmpty()) {
            throw new ApiException(
                    HttpStatus.UNPROCESSABLE_CONTENT, "staff-not-found", "staffId", "no staff member " + r.staffId());
        }
        if (r.purpose() == null || r.purpose().isBlank()) {
            throw new ApiException(
                    HttpStatus.UNPROCESSABLE_CONTENT, "purpose-required", "purpose", "say what the statistics are for");
        }
        LocalDate from = date(r.validFrom(), "validFrom");
        LocalDate to = date(r.validTo(), "validTo");
        if (to.isBefore(from)) {
            throw new ApiException(
                    HttpStatus.UNPROCESSABLE_CONTENT, "invalid-period", "validTo", "validTo is before validFrom");
        }
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(
                con -> {
                    var ps = con.prepareStatement(
                            "INSERT INTO stat_approval (staff_id, scope, valid_from, valid_to, purpose, status, requested_by,"
                                    + " requested_at) VALUES (?,?,?,?,?,'REQUESTED',?,?)",
                            new String[] {"id"});
                    ps.setString(1, r.staffId());
                    ps.setString(
                            2,
                            r.scope() == null || r.scope().isBlank()
                                    ? "ALL"
                                    : r.scope().trim());
                    ps.setDate(3, java.sql.Date.valueOf(from));
                    ps.setDate(4, java.sql.Date.valueOf(to));
                    ps.setString(5, r.purpose().trim());
                    ps.setString(6, user.getName());
                    ps.setTimestamp(7, Timestamps.of(clock.instant()));
                    return ps;
                },
                key);
        return find(key.getKeyAs(Number.class).longValue());
    }

    @PostMapping("/{id}/approve")
    @PreAuthorize("hasRole('DISCIPLINE')")
    public Map<String, Object> approve(
            @PathVariable long id, @RequestBody(required = false) Decision d, Authentication user) {
        return decide(id, "APPROVED", d, user);
    }

    @PostMapping("/{id}/reject")
    @PreAuthorize("hasRole('DISCIPLINE')")
    public Map<String, Object> reject(
            @PathVariable long id, @RequestBody(required = false) Decision d, Authentication user) {
        return decide(id, "REJECTED", d, user);
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('DISCIPLINE', 'AUDITOR', 'IT_ADMIN')")
    public List<Map<String, Object>> list(@RequestParam(required = false) String status) {
        return status == null
                ? jdbc.queryForList("SELECT * FROM stat_approval ORDER BY id DESC")
                : jdbc.queryForList(
                        "SELECT * FROM stat_approval WHERE status = ? ORDER BY id DESC", status.toUpperCase());
    }

    private Map<String, Object> decide(long id, String to, Decision d, Authentication user) {
        Map<String, Object> current = find(id);
        if (!"REQUESTED".equals(current.get("status"))) {
            throw new ApiException(
                    HttpStatus.CONFLICT, "already-decided", "id", "approval " + id + " is " + current.get("status"));
        }
        if (user.getName().equals(current.get("requested_by"))) {
            throw new ApiException(
                    HttpStatus.FORBIDDEN,
                    "second-person-required",
                    "id",
                    "a ticket is approved by a second person, not by the one who requested it");
        }
        int n = jdbc.update(
                "UPDATE stat_approval SET status = ?, decided_by = ?, decided_at = ?, decision_note = ? WHERE id = ? AND status = 'REQUESTED'",
                to,
                user.getName(),
                Timestamps.of(clock.instant()),
                d == null ? null : d.note(),
                id);
        if (n == 0) {
            throw new ApiException(
                    HttpStatus.CONFLICT, "concurrent-decision", "id", "approval " + id + " was decided meanwhile");
        }
        return find(id);
    }

    private Map<String, Object> find(long id) {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT * FROM stat_approval WHERE id = ?", id);
        if (rows.isEmpty()) {
            throw new ApiException(HttpStatus.NOT_FOUND, "approval-not-found", "id", "no approval " + id);
        }
        return rows.get(0);
    }

    private static LocalDate date(String value, String field) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException | NullPointerException e) {
            throw new ApiException(
                    HttpStatus.BAD_REQUEST, "invalid-parameter", field, "'" + value + "' is not a date (YYYY-MM-DD)");
        }
    }
}
