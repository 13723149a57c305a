package org.qingfeng.app.review;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.qingfeng.app.alert.Alert;
import org.qingfeng.app.alert.AlertRepository;
import org.qingfeng.app.alert.AlertService;
import org.qingfeng.app.alert.AlertStatus;
import org.qingfeng.app.alert.ReviewStatus;
import org.qingfeng.app.web.ApiException;
import org.qingfeng.config.QingfengProperties;
import org.qingfeng.config.reference.StaffMember;
import org.qingfeng.monitors.ReferenceData;
import org.qingfeng.monitors.finding.Finding;
import org.qingfeng.monitors.finding.Inbox;
import org.qingfeng.monitors.finding.Subject;
import org.qingfeng.monitors.finding.SubjectType;
import org.qingfeng.monitors.review.PrivilegeState;
import org.qingfeng.monitors.review.RepeatedIrrationalRule;
import org.qingfeng.monitors.review.ReviewCategory;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The pharmacy's review of prescription warnings (审方) and sampled prescriptions (处方点评), the prescriber's
 * justification, and the escalation of 处方管理办法 §46. Every action is written to the review audit trail in the same
 * transaction as its effect.
 */
public class ReviewService {

    /** What a pharmacist decides about a warning. */
    public enum Action {
        /** accepted as reasonable (合理) */
        REASONABLE,
        /** confirmed irrational, with a category (不合理: 超常 / 不适宜 / 不规范) */
        IRRATIONAL,
        /** sent back to the prescriber for a justification (退回医生说明理由) */
        RETURN
    }

    private final AlertRepository alerts;
    private final AlertService alertService;
    private final ReviewRepository reviews;
    private final ReferenceData reference;
    private final QingfengProperties properties;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final RepeatedIrrationalRule escalation = new RepeatedIrrationalRule();

    public ReviewService(
            AlertRepository alerts,
            AlertService alertService,
            ReviewRepository reviews,
            ReferenceData reference,
            QingfengProperties properties,
            TransactionTemplate tx,
            Clock clock) {
        this.alerts = alerts;
        this.alertService = alertService;
        this.reviews = reviews;
        this.reference = reference;
        this.properties = properties;
        this.tx = tx;
        this.clock = clock;
    }

    /** Decides a warning of the pharmacy queue; returns the alert as it is afterwards. */
    public Alert review(long alertId, Action action, String category, String note, String actor) {
        ReviewCategory cat = category(action, category);
        if (action == Action.RETURN && (note == null || note.isBlank())) {
            throw new ApiException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "note-required",
                    "note",
                    "say what the prescriber should explain when sending a warning back");
        }
        return inTransaction(() -> {
            Alert alert = reviewable(alertId);
            ReviewStatus from = alert.review().status();
            if (!from.open()) {
                throw new ApiException(
                        HttpStatus.CONFLICT,
                        "already-reviewed",
                        "action",
                        "alert " + alertId + " was already reviewed as " + from);
            }
            Instant now = clock.instant();
            ReviewStatus to = switch (action) {
                case REASONABLE -> ReviewStatus.REASONABLE;
                case IRRATIONAL -> ReviewStatus.IRRATIONAL;
                case RETURN -> ReviewStatus.RETURNED;
            };
            if (!alerts.review(alertId, from, to, cat == null ? null : cat.name(), now)) {
                throw new ApiException(
                        HttpStatus.CONFLICT,
                        "concurrent-review",
                        "action",
                        "the alert was reviewed meanwhile; reload it");
            }
            reviews.record(
                    alert.prescriptionKey(),
                    alert.subject().id(),
                    alertId,
                    null,
                    action.name(),
                    cat == null ? null : cat.name(),
                    note,
                    actor,
                    now);
            moveAlert(alert, action, cat, note, actor, now);
            if (action == Action.IRRATIONAL) {
                escalate(alert.subject().id(), alert.subject().name());
            }
            return alerts.find(alertId).orElseThrow();
        });
    }

    /** Records the prescriber's justification (正当理由) and puts the warning back in the pharmacist's queue. */
    public Alert justify(long alertId, String text, String actor) {
        if (text == null || text.isBlank()) {
            throw new ApiException(
                    HttpStatus.UNPROCESSABLE_CONTENT, "text-required", "text", "the justification text is empty");
        }
        return inTransaction(() -> {
            Alert alert = reviewable(alertId);
            ReviewStatus from = alert.review().status();
            if (from != ReviewStatus.PENDING && from != ReviewStatus.RETURNED) {
                throw new ApiException(
                        HttpStatus.CONFLICT,
                        "not-awaiting-justification",
                        "text",
                        "alert " + alertId + " is " + from + "; a justification is taken while PENDING or RETURNED");
            }
            Instant now = clock.instant();
            if (!alerts.justify(alertId, from, text.trim(), now)) {
                throw new ApiException(
                        HttpStatus.CONFLICT,
                        "concurrent-review",
                        "text",
                        "the alert was reviewed meanwhile; reload it");
            }
            reviews.record(
                    alert.prescriptionKey(),
                    alert.subject().id(),
                    alertId,
                    null,
                    "JUSTIFY",
                    null,
                    text.trim(),
                    actor,
                    now);
            return alerts.find(alertId).orElseThrow();
        });
    }

    /** Records a change of a prescriber's prescribing rights (discipline office); restarts the §46 count. */
    public ReviewRepository.Privilege changePrivilege(String staffId, PrivilegeState to, String reason, String actor) {
        if (reason == null || reason.isBlank()) {
            throw new ApiException(
                    HttpStatus.UNPROCESSABLE_CONTENT, "reason-required", "reason", "a privilege change needs a reason");
        }
        if (reference.staff(staffId).isEmpty()) {
            throw new ApiException(HttpStatus.NOT_FOUND, "staff-not-found", "id", "no staff member " + staffId);
        }
        return inTransaction(() -> {
            ReviewRepository.Privilege current = reviews.privilege(staffId);
            if (current.state() == to) {
                throw new ApiException(HttpStatus.CONFLICT, "unchanged", "state", staffId + " is already " + to);
            }
            reviews.setPrivilege(current, to, reason.trim(), actor, clock.instant());
            return reviews.privilege(staffId);
        });
    }

    /** Counts the prescriber's confirmed irrational prescriptions and raises RX_REPEATED_IRRATIONAL when due. */
    void escalate(String prescriberId, String prescriberName) {
        if (prescriberId == null) {
            return;
        }
        ReviewRepository.Privilege privilege = reviews.privilege(prescriberId);
        Optional<StaffMember> staff = reference.staff(prescriberId);
        Optional<Finding> finding = escalation.evaluate(
                new Subject(
                        SubjectType.STAFF,
                        prescriberId,
                        staff.map(StaffMember::name).orElse(prescriberName)),
                staff.map(StaffMember::departmentCode).orElse(null),
                privilege.state(),
                privilege.since(),
                reviews.confirmedIrrational(prescriberId, privilege.since()),
                properties.rule(RepeatedIrrationalRule.CODE));
        finding.ifPresent(f -> alertService.raise(List.of(f)));
    }

    int irrationalSinceStateChange(String staffId) {
        ReviewRepository.Privilege p = reviews.privilege(staffId);
        return (int) reviews.confirmedIrrational(staffId, p.since()).stream()
                .map(c -> c.prescriptionKey())
                .distinct()
                .count();
    }

    private Alert reviewable(long alertId) {
        Alert alert = alerts.find(alertId)
                .orElseThrow(
                        () -> new ApiException(HttpStatus.NOT_FOUND, "alert-not-found", "id", "no alert " + alertId));
        if (alert.inbox() != Inbox.PHARMACY || alert.review() == null) {
            throw new ApiException(
                    HttpStatus.CONFLICT,
                    "not-reviewable",
                    "id",
                    "alert " + alertId + " is not a prescription warning of the pharmacy queue");
        }
        return alert;
    }

    /** The alert's life cycle follows the review: accepted → dismissed; confirmed or sent back → acknowledged. */
    private void moveAlert(Alert alert, Action action, ReviewCategory cat, String note, String actor, Instant now) {
        AlertStatus target = action == Action.REASONABLE ? AlertStatus.DISMISSED : AlertStatus.ACKNOWLEDGED;
        if (alert.status() == target || !alert.status().canMoveTo(target)) {
            return;
        }
        String reason = switch (action) {
            case REASONABLE -> "审方：合理 / reviewed as reasonable";
            case IRRATIONAL -> "审方：不合理（" + cat + "） / confirmed irrational";
            case RETURN -> "审方：退回医生说明理由 / sent back to the prescriber";
        };
        alerts.transition(
                alert.id(),
                alert.status(),
                target,
                note == null || note.isBlank() ? reason : reason + "：" + note,
                actor,
                now);
    }

    static ReviewCategory category(Action action, String category) {
        if (action != Action.IRRATIONAL) {
            if (category != null && !category.isBlank()) {
                throw new ApiException(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "category-not-allowed",
                        "category",
                        "a category is given only when confirming a prescription irrational");
            }
            return null;
        }
        if (category == null || category.isBlank()) {
            throw new ApiException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "category-required",
                    "category",
                    "an irrational prescription needs a category: " + List.of(ReviewCategory.values()));
        }
        try {
            return ReviewCategory.valueOf(category.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "invalid-category",
                    "category",
                    "'" + category + "' is not one of " + List.of(ReviewCategory.values()));
        }
    }

    private <T> T inTransaction(java.util.function.Supplier<T> work) {
        return tx.execute(status -> work.get());
    }
}
