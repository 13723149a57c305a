package org.qingfeng.monitors.stat;

import java.util.List;
import java.util.Set;

/**
 * What the classifier concluded about one statement.
 *
 * @param statistics true when it aggregates prescription data by prescriber or item, or pins one of them
 * @param dimensions which of PRESCRIBER and ITEM it groups by or filters on
 * @param targets the literal prescriber or item values it pins (a narrow query about one doctor or drug)
 * @param tables the configured prescription tables it reads
 * @param heuristic true when the statement could not be parsed and keyword/table heuristics decided
 * @param normalized the statement as parsed (or with whitespace collapsed, when it could not be)
 * @param reason why it is (or is not) a statistics query, in words
 */
public record Classification(
        boolean statistics,
        Set<String> dimensions,
        List<String> targets,
        Set<String> tables,
        boolean heuristic,
        String normalized,
        String reason) {

    public Classification {
        dimensions = Set.copyOf(dimensions);
        targets = List.copyOf(targets);
        tables = Set.copyOf(tables);
    }
}
