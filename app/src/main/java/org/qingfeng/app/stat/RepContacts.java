package org.qingfeng.app.stat;

import java.time.Instant;
import java.util.List;
import org.qingfeng.monitors.stat.RepContact;

/**
 * Where STAT_REP_CONTACT learns of a staff member's contacts with representatives (registered visits, declared gifts).
 * The rep-visit and gift registers are not built yet, so the application wires {@link #NONE} and the rule stays idle;
 * the registers will provide an implementation reading their tables.
 */
@FunctionalInterface
public interface RepContacts {

    /** No register yet: no contacts. */
    RepContacts NONE = (staffId, before) -> List.of();

    /** The staff member's contacts up to {@code before} (the rule applies its own look-back window). */
    List<RepContact> of(String staffId, Instant before);
}
