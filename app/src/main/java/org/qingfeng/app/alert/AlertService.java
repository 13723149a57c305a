package org.qingfeng.app.alert;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.qingfeng.app.web.ApiException;
import org.qingfeng.monitors.finding.Finding;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns findings into alerts: one alert per rule + subject + scope (the prescription, for prescription rules); a
 * repeated finding refreshes an alert that is still NEW instead of raising another.
 */
public class AlertService {

    private final AlertRepository alerts;
    private final TransactionTemplate tx;
    private final JsonMapper json;
    private final MeterRegistry meters;
    private final Clock clock;

    public AlertService(
            AlertRepository alerts, TransactionTemplate tx, JsonMapper json, MeterRegistry meters, Clock clock) {
        this.alerts = alerts;
        this.tx = tx;
        this.json = json;
        this.meters = meters;
        this.clock = clock;
    }

    /** Raises or refreshes one alert per finding; returns the ids of alerts raised anew. */
    public List<Long> raise(List<Finding> findings) {
        if (findings.isEmpty()) {
            return List.of();
        }
        List<Long> raised = tx.execute(status ->
                findings.stream().map(this::raiseOne).flatMap(Optional::stream).toList());
        return raised == null ? List.of() : raised;
    }

    private Optional<Long> raiseOne(Finding f) {
        Instant now = clock.instant();
        String evidence = json.writeValueAsString(f.evidence());
        Optional<Alert> existing = alerts.findByDedupeKey(f.dedupeKey());
        if (existing.isPresent()) {
            alerts.refresh(existing.get().id(), f, evidence, now);
            return Optional.empty();
        }
        long id = alerts.insert(f, evidence, now);
        Counter.builder("qingfeng_alerts_raised")
                .description("Alerts raised, by rule code")
                .tag("rule", f.rule())
                .register(meters)
                .increment();
        return Optional.of(id);
    }

    /** Moves an alert through its life cycle; a dismissal or escalation needs a reason. */
    public Alert transition(long id, AlertStatus to, String reason, String actor) {
        if ((to == AlertStatus.DISMISSED || to == AlertStatus.ESCALATED) && (reason == null || reason.isBlank())) {
            throw new ApiException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "reason-required",
                    "reason",
                    "a " + to + " transition needs a reason");
        }
        Alert alert = alerts.find(id)
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "alert-not-found", "id", "no alert " + id));
        if (!alert.status().canMoveTo(to)) {
            throw new ApiException(
                    HttpStatus.CONFLICT,
                    "invalid-transition",
                    "to",
                    "an alert in status " + alert.status() + " cannot move to " + to);
        }
        Boolean moved = tx.execute(s -> alerts.transition(id, alert.status(), to, reason, actor, clock.instant()));
        if (!Boolean.TRUE.equals(moved)) {
            throw new ApiException(
                    HttpStatus.CONFLICT, "concurrent-transition", "to", "the alert was changed meanwhile; reload it");
        }
        return alerts.find(id).orElseThrow();
    }
}
