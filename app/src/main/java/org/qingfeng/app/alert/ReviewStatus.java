package org.qingfeng.app.alert;

import java.util.Set;

/**
 * Where a prescription warning stands in the pharmacy's review (审方): waiting for a pharmacist, sent back to the
 * prescriber, answered by the prescriber, or decided.
 */
public enum ReviewStatus {
    PENDING,
    RETURNED,
    JUSTIFIED,
    REASONABLE,
    IRRATIONAL;

    /** States a pharmacist may still decide from. */
    public static final Set<ReviewStatus> OPEN = Set.of(PENDING, RETURNED, JUSTIFIED);

    public boolean open() {
        return OPEN.contains(this);
    }
}
