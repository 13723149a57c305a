package org.qingfeng.monitors.stat;

import java.util.Locale;
import java.util.Set;

/**
 * Per table: its columns by role, all lower-case. For a CTE or derived table, the columns it passes on from the
 * prescription tables it reads ({@code sources}).
 */
record TableRoles(String name, Set<String> prescriber, Set<String> item, Set<String> sources) {
    String role(String column) {
        String c = column.toLowerCase(Locale.ROOT);
        return prescriber.contains(c)
                ? StatementClassifier.PRESCRIBER
                : item.contains(c) ? StatementClassifier.ITEM : null;
    }
}
