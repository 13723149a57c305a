package org.qingfeng.connectors.mapping;

import java.util.Locale;
import java.util.Map;

/** Administrations per day for the frequency codes of interfaces.md §1 (and a few common synonyms). */
public final class Frequencies {
    private static final Map<String, Integer> PER_DAY = Map.ofEntries(
            Map.entry("QD", 1),
            Map.entry("QN", 1),
            Map.entry("QAM", 1),
            Map.entry("QPM", 1),
            Map.entry("BID", 2),
            Map.entry("Q12H", 2),
            Map.entry("TID", 3),
            Map.entry("Q8H", 3),
            Map.entry("QID", 4),
            Map.entry("Q6H", 4),
            Map.entry("Q4H", 6),
            Map.entry("ONCE", 1),
            Map.entry("ST", 1));

    private Frequencies() {}

    /** Times per day, or null for PRN and unknown codes (no days' supply can then be derived). */
    public static Integer perDay(String code) {
        return code == null ? null : PER_DAY.get(code.trim().toUpperCase(Locale.ROOT));
    }
}
