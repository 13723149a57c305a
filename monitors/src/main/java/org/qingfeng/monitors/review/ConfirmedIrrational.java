package org.qingfeng.monitors.review;

import java.time.Instant;

/**
 * A prescription the pharmacy confirmed as irrational, in its latest review.
 *
 * @param source where the review came from: an alert id ("alert:42") or a 处方点评 sample item ("sample:7")
 */
public record ConfirmedIrrational(
        String prescriptionKey, ReviewCategory category, String reviewer, Instant reviewedAt, String source) {}
