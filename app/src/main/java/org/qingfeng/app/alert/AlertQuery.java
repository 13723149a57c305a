package org.qingfeng.app.alert;

import java.time.Instant;
import java.util.Set;
import org.qingfeng.monitors.finding.Inbox;

/** Filters of {@code GET /api/v1/alerts}; nulls mean "any". {@code beforeId} is the decoded cursor. */
public record AlertQuery(
        String rule,
        AlertStatus status,
        String subject,
        Instant since,
        Instant until,
        String department,
        Set<ReviewStatus> reviews,
        Set<Inbox> inboxes,
        Long beforeId,
        int limit) {}
