package org.qingfeng.app.alert;

import java.util.Map;
import java.util.Set;

/** Alert life cycle (rules.md §7): NEW → ACKNOWLEDGED → DISMISSED (with reason) or ESCALATED to a case. */
public enum AlertStatus {
    NEW,
    ACKNOWLEDGED,
    DISMISSED,
    ESCALATED;

    private static final Map<AlertStatus, Set<AlertStatus>> NEXT = Map.of(
            NEW, Set.of(ACKNOWLEDGED, DISMISSED, ESCALATED),
            ACKNOWLEDGED, Set.of(DISMISSED, ESCALATED),
            DISMISSED, Set.of(),
            ESCALATED, Set.of());

    public boolean canMoveTo(AlertStatus next) {
        return NEXT.get(this).contains(next);
    }

    public boolean open() {
        return this == NEW || this == ACKNOWLEDGED;
    }
}
