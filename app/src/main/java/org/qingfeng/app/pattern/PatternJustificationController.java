package org.qingfeng.app.pattern;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.qingfeng.app.alert.Alert;
import org.qingfeng.app.alert.AlertRepository;
import org.qingfeng.app.alert.AlertService;
import org.qingfeng.app.alert.AlertStatus;
import org.qingfeng.app.web.ApiException;
import org.qingfeng.app.web.Params;
import org.qingfeng.config.QingfengProperties;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The justification loop of pattern alerts: a department head (or the discipline office, or a pharmacist for the
 * antibiotic indicators) answers an alert with a reason; the discipline office accepts or rejects it. Accepting
 * dismisses the alert with the reason and suppresses the same rule, subject and item for {@code suppressDays}
 * (default 90, {@code qingfeng.rules.<CODE>.suppress-days}); rejecting leaves the alert open.
 */
@RestController
public class PatternJustificationController {

    static final int SUPPRESS_DAYS = 90;

    private final PatternJustifications justifications;
    private final AlertRepository alerts;
    private final AlertService alertService;
    private final QingfengProperties properties;
    private final JsonMapper json;
    private final Clock clock;

    public PatternJustificationController(
            PatternJustifications justifications,
            AlertRepository alerts,
            AlertService alertService,
            QingfengProperties properties,
            JsonMapper json,
            Clock clock) {
        this.justifications = justifications;
        this.alerts = alerts;
        this.alertService = alertService;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    public record Submission(String reason) {}

    public record Decision(String decision, String note) {}

    /** Both possible answers to a justification. */
    public enum Verdict {
        ACCEPTED,
        REJECTED
    }

    @PostMapping("/api/v1/alerts/{id}/pattern-justifications")
    @PreAuthorize("hasAnyRole('DEPT_HEAD', 'DISCIPLINE', 'PHARMACIST')")
    public Map<String, Object> submit(@PathVariable long id, @RequestBody Submission s, Authentication user) {
        Alert alert = alerts.find(id)
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "alert-not-found", "id", "no alert " + id));
        if (!alert.rule().startsWith("PAT_")) {
            throw new ApiException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "not-a-pattern-alert",
                    "id",
                    "alert " + id + " is " + alert.rule() + "; prescription warnings are justified in the review");
        }
        if (!alert.status().open()) {
            throw new ApiException(HttpStatus.CONFLICT, "alert-closed", "id", "alert " + id + " is " + alert.status());
        }
        if (s == null || s.reason() == null || s.reason().isBlank()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "reason-required", "reason", "give the reason");
        }
        long jid = justifications.submit(
                id,
                alert.rule(),
                alert.subject().id(),
                itemOf(alert),
                s.reason().trim(),
                user.getName(),
                clock.instant());
        return justifications.get(jid);
    }

    @PostMapping("/api/v1/pattern-justifications/{id}/decision")
    @PreAuthorize("hasRole('DISCIPLINE')")
    public Map<String, Object> decide(@PathVariable long id, @RequestBody Decision d, Authentication user) {
        Map<String, Object> j = justifications.get(id);
        if (j == null) {
            throw new ApiException(HttpStatus.NOT_FOUND, "justification-not-found", "id", "no justification " + id);
        }
        Verdict verdict = Params.enumValue(Verdict.class, d == null ? null : d.decision(), "decision");
        if (verdict == null) {
            throw new ApiException(
                    HttpStatus.UNPROCESSABLE_CONTENT, "decision-required", "decision", "ACCEPTED or REJECTED");
        }
        if (user.getName().equals(j.get("submitted_by"))) {
            throw new ApiException(
                    HttpStatus.FORBIDDEN, "own-justification", "id", "a justification is decided by someone else");
        }
        String rule = (String) j.get("rule_code");
        Integer days = properties.rule(rule).getSuppressDays();
        boolean accept = verdict == Verdict.ACCEPTED;
        if (!justifications.decide(
                id,
                accept,
                d.note(),
                Duration.ofDays(days == null ? SUPPRESS_DAYS : days),
                user.getName(),
                clock.instant())) {
            throw new ApiException(HttpStatus.CONFLICT, "already-decided", "id", "justification " + id + " is decided");
        }
        long alertId = ((Number) j.get("alert_id")).longValue();
        if (accept && alerts.find(alertId).map(a -> a.status().open()).orElse(false)) {
            alertService.transition(
                    alertId,
                    AlertStatus.DISMISSED,
                    "正当理由已接受 / justification accepted: " + j.get("reason"),
                    user.getName());
        }
        return justifications.get(id);
    }

    @GetMapping("/api/v1/pattern-justifications")
    @PreAuthorize("hasAnyRole('DISCIPLINE', 'DEPT_HEAD', 'AUDITOR')")
    public List<Map<String, Object>> list(@RequestParam(required = false) String decision) {
        return justifications.list(decision == null ? null : decision.trim().toUpperCase(java.util.Locale.ROOT));
    }

    private String itemOf(Alert alert) {
        Object item = json.readTree(alert.evidenceJson()).path("itemCode").asString(null);
        return item == null ? PatternJustifications.ANY_ITEM : item.toString();
    }
}
