package org.qingfeng.monitors.stat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.Select;

/**
 * What the classifier needs to know about the expressions of one query level: whether it aggregates, the columns of
 * window partitions, the columns pinned to literal values (= or IN), every column named; queries nested in the
 * expressions are handed to {@code nested}.
 */
final class ExpressionFacts extends ExpressionVisitorAdapter<Void> {
    private final Consumer<Select> nested;

    ExpressionFacts(Consumer<Select> nested) {
        this.nested = nested;
    }

    boolean aggregate;
    final List<Column> partitionColumns = new ArrayList<>();
    final Map<Column, List<String>> pinned = new HashMap<>();
    final List<Column> columns = new ArrayList<>();

    @Override
    public <S> Void visit(Column c, S context) {
        columns.add(c);
        return super.visit(c, context);
    }

    @Override
    public <S> Void visit(Select s, S context) {
        nested.accept(s);
        return null;
    }

    @Override
    public <S> Void visit(Function f, S context) {
        if (f.getName() != null
                && StatementClassifier.AGGREGATES.contains(
                        StatementClassifier.bare(f.getName()).toUpperCase(Locale.ROOT))) {
            aggregate = true;
        }
        return super.visit(f, context);
    }

    @Override
    public <S> Void visit(AnalyticExpression a, S context) {
        if (a.getName() != null
                && StatementClassifier.AGGREGATES.contains(a.getName().toUpperCase(Locale.ROOT))) {
            aggregate = true;
        }
        if (a.getPartitionExpressionList() != null) {
            for (Object e : a.getPartitionExpressionList()) {
                if (e instanceof Column c) {
                    partitionColumns.add(c);
                }
            }
        }
        return super.visit(a, context);
    }

    @Override
    public <S> Void visit(EqualsTo eq, S context) {
        pin(eq.getLeftExpression(), eq.getRightExpression());
        pin(eq.getRightExpression(), eq.getLeftExpression());
        return super.visit(eq, context);
    }

    @Override
    public <S> Void visit(InExpression in, S context) {
        if (in.getLeftExpression() instanceof Column c && in.getRightExpression() instanceof ExpressionList<?> list) {
            List<String> values = new ArrayList<>();
            for (Object v : list) {
                String literal = literal(v);
                if (literal != null) {
                    values.add(literal);
                }
            }
            if (!values.isEmpty()) {
                pinned.computeIfAbsent(c, k -> new ArrayList<>()).addAll(values);
            }
        }
        return super.visit(in, context);
    }

    @Override
    public <S> Void visit(ParenthesedSelect s, S context) {
        nested.accept(s.getSelect());
        return null;
    }

    private void pin(Expression column, Expression value) {
        String literal = literal(value);
        if (column instanceof Column c && literal != null) {
            pinned.computeIfAbsent(c, k -> new ArrayList<>()).add(literal);
        }
    }

    private String literal(Object v) {
        if (v instanceof StringValue s) {
            return s.getValue();
        }
        if (v instanceof LongValue l) {
            return l.getStringValue();
        }
        return null;
    }
}
