package org.qingfeng.app.alert;

import java.time.Instant;
import org.qingfeng.config.Severity;
import org.qingfeng.monitors.finding.Inbox;
import org.qingfeng.monitors.finding.Subject;

/** A stored alert; {@code evidenceJson} is the finding's evidence as JSON text. */
public record Alert(
        long id,
        String rule,
        Severity severity,
        AlertStatus status,
        Inbox inbox,
        Subject subject,
        String title,
        Instant raisedAt,
        boolean justified,
        String evidenceJson,
        Instant updatedAt) {}
