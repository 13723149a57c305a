package org.qingfeng.monitors.stat;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.view.CreateView;
import net.sf.jsqlparser.statement.execute.Execute;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.Select;
import org.qingfeng.config.StatisticsTable;

/**
 * Tells statistics queries on prescription data from other statements (rules.md §3): a SELECT that reads a configured
 * prescription/order/dispense table and aggregates (GROUP BY, COUNT/SUM/…, or a window partitioned) with a prescriber
 * or item column in the grouping, or with a filter pinning one prescriber or item. Joins, sub-queries, CTEs, set
 * operations, aliases, quoted identifiers and the dialects JSqlParser reads are handled; a statement it cannot parse
 * is judged by keyword and table heuristics, and the classification says so. Thread-safe.
 */
public final class StatementClassifier {

    public static final String PRESCRIBER = "PRESCRIBER";
    public static final String ITEM = "ITEM";
    static final Set<String> AGGREGATES =
            Set.of("COUNT", "SUM", "AVG", "MAX", "MIN", "STDDEV", "VARIANCE", "LISTAGG", "STRING_AGG", "GROUP_CONCAT");
    private static final Pattern AGGREGATE_WORDS =
            Pattern.compile("\\b(group\\s+by|count\\s*\\(|sum\\s*\\(|avg\\s*\\()", Pattern.CASE_INSENSITIVE);
    private static final int MAX_NORMALIZED = 4000;

    private final Map<String, TableRoles> tables = new HashMap<>();

    public StatementClassifier(List<StatisticsTable> configured) {
        for (StatisticsTable t : configured) {
            tables.put(
                    bare(t.getName()),
                    new TableRoles(
                            bare(t.getName()),
                            lower(t.getPrescriberColumns()),
                            lower(t.getItemColumns()),
                            Set.of(bare(t.getName()))));
        }
    }

    public Classification classify(String sql) {
        String text = sql == null ? "" : sql.strip();
        if (!mentionsATable(text)) {
            // a statistics query names a prescription table; most audited statements do not, and need no parsing
            return new Classification(
                    false,
                    Set.of(),
                    List.of(),
                    Set.of(),
                    false,
                    truncate(text.replaceAll("\\s+", " ")),
                    "names no prescription table");
        }
        Statement statement;
        try {
            statement = CCJSqlParserUtil.parse(
                    text, p -> p.withSquareBracketQuotation(true).withAllowComplexParsing(true));
        } catch (JSQLParserException | RuntimeException e) {
            return heuristic(text);
        }
        if (statement instanceof Execute) {
            // dynamic SQL (EXEC sp_executesql N'…'): the query is inside a string, judge the text
            return heuristic(text);
        }
        Select select = selectOf(statement);
        String normalized = truncate(statement.toString());
        if (select == null) {
            return new Classification(false, Set.of(), List.of(), Set.of(), false, normalized, "not a query");
        }
        QueryWalk walk = new QueryWalk(tables);
        walk.select(select);
        boolean statistics = !walk.dimensions.isEmpty();
        String reason = statistics
                ? (walk.grouped ? "aggregates " : "counts with a filter on ")
                        + String.join(" and ", walk.dimensions).toLowerCase(Locale.ROOT) + " over " + walk.touched
                : walk.touched.isEmpty()
                        ? "reads no prescription table"
                        : "reads " + walk.touched + " without aggregating by prescriber or item";
        return new Classification(statistics, walk.dimensions, walk.targets, walk.touched, false, normalized, reason);
    }

    private static Select selectOf(Statement statement) {
        if (statement instanceof Select s) {
            return s;
        }
        if (statement instanceof Insert i) {
            return i.getSelect();
        }
        if (statement instanceof CreateTable c) {
            return c.getSelect();
        }
        if (statement instanceof CreateView v) {
            return v.getSelect();
        }
        return null;
    }

    private boolean mentionsATable(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String name : tables.keySet()) {
            if (lower.contains(name)) {
                return true;
            }
        }
        return false;
    }

    /** Unparseable: a configured table, an aggregate keyword and a prescriber or item column name together. */
    private Classification heuristic(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        Set<String> touched = new LinkedHashSet<>();
        Set<String> dims = new LinkedHashSet<>();
        for (TableRoles t : tables.values()) {
            if (Pattern.compile("\\b" + Pattern.quote(t.name()) + "\\b")
                    .matcher(lower)
                    .find()) {
                touched.add(t.name());
                if (t.prescriber().stream()
                        .anyMatch(c -> Pattern.compile("\\b" + Pattern.quote(c) + "\\b")
                                .matcher(lower)
                                .find())) {
                    dims.add(PRESCRIBER);
                }
                if (t.item().stream()
                        .anyMatch(c -> Pattern.compile("\\b" + Pattern.quote(c) + "\\b")
                                .matcher(lower)
                                .find())) {
                    dims.add(ITEM);
                }
            }
        }
        boolean statistics = !touched.isEmpty()
                && !dims.isEmpty()
                && AGGREGATE_WORDS.matcher(text).find();
        return new Classification(
                statistics,
                statistics ? dims : Set.of(),
                List.of(),
                touched,
                true,
                truncate(text.replaceAll("\\s+", " ")),
                statistics
                        ? "not parseable; judged by keywords: aggregate words with " + dims + " columns of " + touched
                        : "not parseable; no prescription table with aggregate words and prescriber or item columns");
    }

    /** A name without quotes, brackets, backticks or schema, lower-case. */
    static String bare(String name) {
        if (name == null) {
            return "";
        }
        String n = name.replaceAll("[\"`\\[\\]]", "");
        int dot = n.lastIndexOf('.');
        return (dot >= 0 ? n.substring(dot + 1) : n).toLowerCase(Locale.ROOT);
    }

    private static Set<String> lower(List<String> names) {
        Set<String> out = new LinkedHashSet<>();
        names.forEach(n -> out.add(bare(n)));
        return out;
    }

    private static String truncate(String s) {
        return s.length() > MAX_NORMALIZED ? s.substring(0, MAX_NORMALIZED) : s;
    }
}
