package org.qingfeng.monitors.stat;

import java.time.Instant;

/**
 * A contact of a staff member with a pharmaceutical representative: a registered visit or a declared gift, with the
 * company. What STAT_REP_CONTACT looks for before a statistics query.
 */
public record RepContact(String kind, String reference, String company, Instant at) {}
