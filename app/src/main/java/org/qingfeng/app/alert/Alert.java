package org.qingfeng.app.alert;

import java.time.Instant;
import org.qingfeng.config.Severity;
import org.qingfeng.monitors.finding.Inbox;
import org.qingfeng.monitors.finding.Subject;

/**
 * A stored alert; {@code evidenceJson} is the finding's evidence as JSON text.
 *
 * @param scope what the alert is about beyond its subject: {@code RX:<facility>:<number>} for a prescription
 * @param review the pharmacy review of a prescription warning, null for alerts the pharmacy does not review
 */
public record Alert(
        long id,
        String rule,
        Severity severity,
        AlertStatus status,
        Inbox inbox,
        Subject subject,
        String department,
        String scope,
        String title,
        Instant raisedAt,
        boolean justified,
        String evidenceJson,
        Instant updatedAt,
        Review review) {

    /** Review state of a prescription warning (审方): status, irrational category, the prescriber's answer. */
    public record Review(ReviewStatus status, String category, String prescriberJustification) {}

    /** The prescription key of a prescription alert ({@code facility:number}), else null. */
    public String prescriptionKey() {
        return scope != null && scope.startsWith("RX:") ? scope.substring(3) : null;
    }
}
