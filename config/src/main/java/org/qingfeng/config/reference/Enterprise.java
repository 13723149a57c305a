package org.qingfeng.config.reference;

import java.time.LocalDate;

/**
 * One row of the enterprise list (interfaces.md §4, {@code enterprises}): a drug or device maker or distributor, and
 * whether it is on the bribery bad-record list (医药购销领域商业贿赂不良记录) and since when.
 */
public record Enterprise(String code, String name, boolean blacklisted, LocalDate blacklistedSince, String reason) {

    /** True when the enterprise was on the bad-record list on that day. */
    public boolean blacklistedOn(LocalDate day) {
        return blacklisted && (blacklistedSince == null || day == null || !blacklistedSince.isAfter(day));
    }
}
