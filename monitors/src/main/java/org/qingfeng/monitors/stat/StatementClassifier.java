package org.qingfeng.monitors.stat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.view.CreateView;
import net.sf.jsqlparser.statement.execute.Execute;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.WithItem;
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

    /**
     * Per table: its columns by role, all lower-case. For a CTE or derived table, the columns it passes on from the
     * prescription tables it reads ({@code sources}).
     */
    private record TableRoles(String name, Set<String> prescriber, Set<String> item, Set<String> sources) {
        String role(String column) {
            String c = column.toLowerCase(Locale.ROOT);
            return prescriber.contains(c) ? PRESCRIBER : item.contains(c) ? ITEM : null;
        }
    }

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
        Walk walk = new Walk();
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

    /** One pass over a query and everything nested in it. */
    private final class Walk {
        final Set<String> dimensions = new LinkedHashSet<>();
        final List<String> targets = new ArrayList<>();
        final Set<String> touched = new LinkedHashSet<>();
        final Map<String, TableRoles> ctes = new HashMap<>();
        boolean grouped;

        void select(Select s) {
            if (s == null) {
                return;
            }
            if (s.getWithItemsList() != null) {
                for (WithItem<?> w : s.getWithItemsList()) {
                    if (w.getSelect() != null) {
                        select(w.getSelect());
                        TableRoles derived = derive(bare(w.getAlias().getName()), w.getSelect());
                        if (derived != null) {
                            ctes.put(derived.name(), derived);
                        }
                    }
                }
            }
            if (s instanceof PlainSelect p) {
                plain(p);
            } else if (s instanceof SetOperationList set) {
                set.getSelects().forEach(this::select);
            } else if (s instanceof ParenthesedSelect ps) {
                select(ps.getSelect());
            }
        }

        void plain(PlainSelect p) {
            Map<String, TableRoles> inScope = new HashMap<>();
            List<TableRoles> unaliased = new ArrayList<>();
            from(p.getFromItem(), inScope, unaliased);
            if (p.getJoins() != null) {
                for (Join j : p.getJoins()) {
                    from(j.getFromItem(), inScope, unaliased);
                }
            }
            ExpressionFacts found = new ExpressionFacts(this::select);
            for (SelectItem<?> item : p.getSelectItems()) {
                if (item.getExpression() != null) {
                    item.getExpression().accept(found, null);
                }
            }
            if (p.getWhere() != null) {
                p.getWhere().accept(found, null);
            }
            if (p.getHaving() != null) {
                p.getHaving().accept(found, null);
            }
            List<Expression> groupBy = new ArrayList<>();
            if (p.getGroupBy() != null && p.getGroupBy().getGroupByExpressionList() != null) {
                for (Object e : p.getGroupBy().getGroupByExpressionList()) {
                    if (e instanceof Expression ex) {
                        groupBy.add(ex);
                        ex.accept(found, null);
                    }
                }
            }
            if (inScope.isEmpty() && unaliased.isEmpty()) {
                return;
            }
            boolean aggregates = !groupBy.isEmpty() || found.aggregate;
            if (!aggregates) {
                return;
            }
            for (Expression g : groupBy) {
                // a column, or columns inside ROLLUP(…), CUBE(…), GROUPING SETS, expressions
                ExpressionFacts columns = new ExpressionFacts(this::select);
                g.accept(columns, null);
                for (Column c : columns.columns) {
                    String role = role(c, inScope, unaliased);
                    if (role != null) {
                        dimensions.add(role);
                        grouped = true;
                    }
                }
            }
            for (Column c : found.partitionColumns) {
                String role = role(c, inScope, unaliased);
                if (role != null) {
                    dimensions.add(role);
                    grouped = true;
                }
            }
            for (Map.Entry<Column, List<String>> pin : found.pinned.entrySet()) {
                String role = role(pin.getKey(), inScope, unaliased);
                if (role != null) {
                    dimensions.add(role);
                    targets.addAll(pin.getValue());
                }
            }
        }

        void from(FromItem item, Map<String, TableRoles> inScope, List<TableRoles> unaliased) {
            if (item instanceof Table t) {
                TableRoles roles = ctes.containsKey(bare(t.getName()))
                        ? ctes.get(bare(t.getName()))
                        : tables.get(bare(t.getName()));
                if (roles != null) {
                    touched.addAll(roles.sources());
                    inScope.put(bare(t.getName()), roles);
                    if (t.getAlias() != null) {
                        inScope.put(bare(t.getAlias().getName()), roles);
                    }
                    unaliased.add(roles);
                }
            } else if (item instanceof ParenthesedSelect ps) {
                select(ps.getSelect());
                if (ps.getAlias() != null) {
                    TableRoles derived = derive(bare(ps.getAlias().getName()), ps.getSelect());
                    if (derived != null) {
                        inScope.put(derived.name(), derived);
                        unaliased.add(derived);
                        touched.addAll(derived.sources());
                    }
                }
            } else if (item instanceof ParenthesedFromItem pf) {
                from(pf.getFromItem(), inScope, unaliased);
                if (pf.getJoins() != null) {
                    for (Join j : pf.getJoins()) {
                        from(j.getFromItem(), inScope, unaliased);
                    }
                }
            }
        }

        /**
         * The prescriber and item columns a sub-query passes on, under the names it gives them, or null when it reads no
         * prescription table.
         */
        TableRoles derive(String name, Select s) {
            if (s instanceof ParenthesedSelect ps) {
                return derive(name, ps.getSelect());
            }
            if (s instanceof SetOperationList set) {
                Set<String> prescriber = new LinkedHashSet<>();
                Set<String> item = new LinkedHashSet<>();
                Set<String> sources = new LinkedHashSet<>();
                for (Select branch : set.getSelects()) {
                    TableRoles r = derive(name, branch);
                    if (r != null) {
                        prescriber.addAll(r.prescriber());
                        item.addAll(r.item());
                        sources.addAll(r.sources());
                    }
                }
                return sources.isEmpty() ? null : new TableRoles(name, prescriber, item, sources);
            }
            if (!(s instanceof PlainSelect p)) {
                return null;
            }
            Map<String, TableRoles> scope = new HashMap<>();
            List<TableRoles> all = new ArrayList<>();
            Set<String> before = new LinkedHashSet<>(touched);
            from(p.getFromItem(), scope, all);
            if (p.getJoins() != null) {
                for (Join j : p.getJoins()) {
                    from(j.getFromItem(), scope, all);
                }
            }
            touched.clear();
            touched.addAll(before); // reading is counted where the derived table is used, not here
            if (all.isEmpty()) {
                return null;
            }
            Set<String> prescriber = new LinkedHashSet<>();
            Set<String> item = new LinkedHashSet<>();
            Set<String> sources = new LinkedHashSet<>();
            all.forEach(t -> sources.addAll(t.sources()));
            for (SelectItem<?> si : p.getSelectItems()) {
                Expression e = si.getExpression();
                if (e instanceof net.sf.jsqlparser.statement.select.AllColumns) {
                    all.forEach(t -> {
                        prescriber.addAll(t.prescriber());
                        item.addAll(t.item());
                    });
                } else if (e instanceof net.sf.jsqlparser.statement.select.AllTableColumns atc) {
                    TableRoles t = scope.get(bare(atc.getTable().getName()));
                    if (t != null) {
                        prescriber.addAll(t.prescriber());
                        item.addAll(t.item());
                    }
                } else if (e instanceof Column c) {
                    String role = role(c, scope, all);
                    String out = si.getAlias() != null ? bare(si.getAlias().getName()) : bare(c.getColumnName());
                    if (PRESCRIBER.equals(role)) {
                        prescriber.add(out);
                    } else if (ITEM.equals(role)) {
                        item.add(out);
                    }
                }
            }
            return new TableRoles(name, prescriber, item, sources);
        }

        /** The role of a column: by its qualifier's table, or, unqualified, by any prescription table in scope. */
        String role(Column c, Map<String, TableRoles> inScope, List<TableRoles> unaliased) {
            if (c.getTable() != null && c.getTable().getName() != null) {
                TableRoles t = inScope.get(bare(c.getTable().getName()));
                return t == null ? null : t.role(bare(c.getColumnName()));
            }
            for (TableRoles t : unaliased) {
                String role = t.role(bare(c.getColumnName()));
                if (role != null) {
                    return role;
                }
            }
            return null;
        }
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
