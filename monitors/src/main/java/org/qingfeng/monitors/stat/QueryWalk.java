package org.qingfeng.monitors.stat;

import static org.qingfeng.monitors.stat.StatementClassifier.ITEM;
import static org.qingfeng.monitors.stat.StatementClassifier.PRESCRIBER;
import static org.qingfeng.monitors.stat.StatementClassifier.bare;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.WithItem;

/**
 * One pass over a query and everything nested in it, for {@link StatementClassifier}: which configured prescription
 * tables it reads (through CTEs, derived tables and aliases), by which prescriber or item columns it groups or filters,
 * and which values it pins. Not thread-safe: one walk per statement.
 */
final class QueryWalk {
    private final Map<String, TableRoles> tables;

    final Set<String> dimensions = new LinkedHashSet<>();
    final List<String> targets = new ArrayList<>();
    final Set<String> touched = new LinkedHashSet<>();
    final Map<String, TableRoles> ctes = new HashMap<>();
    boolean grouped;

    QueryWalk(Map<String, TableRoles> tables) {
        this.tables = tables;
    }

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
            TableRoles roles =
                    ctes.containsKey(bare(t.getName())) ? ctes.get(bare(t.getName())) : tables.get(bare(t.getName()));
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
