package org.qingfeng.app.persistence;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Usage rollups ({@code usage_day}, {@code activity_day}) kept from the stored prescription lines. A write that adds
 * or changes order lines marks their prescriber-days dirty in its own transaction; {@link #refreshDirty()} recomputes
 * those prescriber-days, {@link #rebuild} recomputes whole days. Both run the same aggregate statements, only the
 * filter differs, so an incremental rollup and a rebuilt one are identical by construction (and tested to be).
 *
 * <p>Counted: active order lines with an order time (a cancel or discontinue takes a line out); amount is quantity
 * times the catalog's unit price (¥0 for an item not in the catalog); days are hospital days in the configured zone.
 * Lines without a prescriber or department are kept under {@code "-"}.
 */
public class UsageRollups {

    public static final String UNKNOWN = "-";

    private static final String LINES = " FROM rx_line l LEFT JOIN ref_drug d ON d.code = l.item_code"
            + " WHERE l.kind = 'ORDER' AND l.status = 'ACTIVE' AND l.ordered_at >= ? AND l.ordered_at < ?";
    private static final String PRESCRIBER = "COALESCE(l.prescriber_id, '" + UNKNOWN + "')";
    private static final String DEPARTMENT = "COALESCE(l.department_code, '" + UNKNOWN + "')";
    private static final String ITEM = "COALESCE(l.item_code, '" + UNKNOWN + "')";
    private static final String RX = "l.facility || ':' || l.prescription_no";
    private static final String USAGE = "INSERT INTO usage_day (rx_date, prescriber_id, department_code, item_code,"
            + " amount, quantity, prescriptions, patients) SELECT CAST(? AS DATE), " + PRESCRIBER + ", " + DEPARTMENT
            + ", " + ITEM + ", SUM(COALESCE(l.quantity, 0) * COALESCE(d.unit_price, 0)), SUM(COALESCE(l.quantity, 0)),"
            + " COUNT(DISTINCT " + RX + "), COUNT(DISTINCT l.patient_key)" + LINES + "%s GROUP BY " + PRESCRIBER
            + ", " + DEPARTMENT + ", " + ITEM;
    private static final String ACTIVITY = "INSERT INTO activity_day (rx_date, prescriber_id, department_code,"
            + " patient_class, prescriptions, antibiotic_prescriptions, patients, antibiotic_patients)"
            + " SELECT CAST(? AS DATE), " + PRESCRIBER + ", " + DEPARTMENT + ", l.patient_class,"
            + " COUNT(DISTINCT " + RX + "), COUNT(DISTINCT CASE WHEN d.antibiotic_tier IS NOT NULL THEN " + RX
            + " END), COUNT(DISTINCT l.patient_key),"
            + " COUNT(DISTINCT CASE WHEN d.antibiotic_tier IS NOT NULL THEN l.patient_key END)" + LINES + "%s"
            + " GROUP BY " + PRESCRIBER + ", " + DEPARTMENT + ", l.patient_class";
    private static final int DRAIN = 2_000;

    /** One prescriber's hospital day. */
    public record PrescriberDay(LocalDate day, String prescriberId) {}

    /** What a rebuild did. */
    public record RebuildResult(LocalDate from, LocalDate to, int days, long usageRows, long activityRows) {}

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ZoneId zone;
    private final int threads;

    public UsageRollups(JdbcTemplate jdbc, TransactionTemplate tx, ZoneId zone, int threads) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.zone = zone;
        this.threads = threads;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The hospital day of an order time, with the prescriber as stored in the rollups. */
    public PrescriberDay dayOf(Instant orderedAt, String prescriberId) {
        return new PrescriberDay(orderedAt.atZone(zone).toLocalDate(), prescriberId == null ? UNKNOWN : prescriberId);
    }

    /** Marks prescriber-days for recomputation; call inside the transaction that changed their lines. */
    public void markDirty(Collection<PrescriberDay> days) {
        if (days.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(
                "INSERT INTO rollup_dirty (rx_date, prescriber_id) VALUES (?, ?)",
                new LinkedHashSet<>(days)
                        .stream()
                                .map(d -> new Object[] {Date.valueOf(d.day()), d.prescriberId()})
                                .toList());
    }

    /** Recomputes every prescriber-day marked dirty; returns how many were recomputed. */
    public synchronized int refreshDirty() {
        int total = 0;
        while (true) {
            List<Long> ids = new ArrayList<>();
            Set<PrescriberDay> days = new LinkedHashSet<>();
            jdbc.query("SELECT id, rx_date, prescriber_id FROM rollup_dirty ORDER BY id LIMIT " + DRAIN, rs -> {
                ids.add(rs.getLong(1));
                days.add(new PrescriberDay(rs.getDate(2).toLocalDate(), rs.getString(3)));
            });
            if (ids.isEmpty()) {
                return total;
            }
            tx.executeWithoutResult(status -> {
                for (PrescriberDay d : days) {
                    recompute(d);
                }
                jdbc.batchUpdate(
                        "DELETE FROM rollup_dirty WHERE id = ?",
                        ids.stream().map(id -> new Object[] {id}).toList());
            });
            total += days.size();
        }
    }

    /**
     * Recomputes whole hospital days from {@code from} to {@code to} inclusive, one transaction per day, several days
     * at a time (the database does the work; each day is independent).
     */
    public synchronized RebuildResult rebuild(LocalDate from, LocalDate to) {
        List<LocalDate> days = from.datesUntil(to.plusDays(1)).toList();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, days.size())));
        try {
            List<Future<long[]>> results = new ArrayList<>();
            for (LocalDate d : days) {
                results.add(pool.submit(() -> rebuildDay(d)));
            }
            long usage = 0;
            long activity = 0;
            for (Future<long[]> f : results) {
                long[] rows = f.get();
                usage += rows[0];
                activity += rows[1];
            }
            return new RebuildResult(from, to, days.size(), usage, activity);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("rebuild interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private long[] rebuildDay(LocalDate d) {
        return tx.execute(status -> {
            Date date = Date.valueOf(d);
            jdbc.update("DELETE FROM usage_day WHERE rx_date = ?", date);
            jdbc.update("DELETE FROM activity_day WHERE rx_date = ?", date);
            Timestamp start = start(d);
            Timestamp end = start(d.plusDays(1));
            return new long[] {
                jdbc.update(USAGE.formatted(""), date, start, end),
                jdbc.update(ACTIVITY.formatted(""), date, start, end)
            };
        });
    }

    /** Rebuilds every day that has stored order lines, and empties the days outside them. */
    public synchronized RebuildResult rebuildAll() {
        Timestamp[] range = jdbc.queryForObject(
                "SELECT MIN(ordered_at), MAX(ordered_at) FROM rx_line WHERE kind = 'ORDER'",
                (rs, n) -> new Timestamp[] {rs.getTimestamp(1), rs.getTimestamp(2)});
        if (range == null || range[0] == null) {
            tx.executeWithoutResult(status -> {
                jdbc.update("DELETE FROM usage_day");
                jdbc.update("DELETE FROM activity_day");
            });
            return new RebuildResult(null, null, 0, 0, 0);
        }
        LocalDate from = range[0].toInstant().atZone(zone).toLocalDate();
        LocalDate to = range[1].toInstant().atZone(zone).toLocalDate();
        tx.executeWithoutResult(status -> {
            jdbc.update("DELETE FROM usage_day WHERE rx_date < ? OR rx_date > ?", Date.valueOf(from), Date.valueOf(to));
            jdbc.update(
                    "DELETE FROM activity_day WHERE rx_date < ? OR rx_date > ?", Date.valueOf(from), Date.valueOf(to));
        });
        return rebuild(from, to);
    }

    private void recompute(PrescriberDay d) {
        Date date = Date.valueOf(d.day());
        jdbc.update("DELETE FROM usage_day WHERE rx_date = ? AND prescriber_id = ?", date, d.prescriberId());
        jdbc.update("DELETE FROM activity_day WHERE rx_date = ? AND prescriber_id = ?", date, d.prescriberId());
        Timestamp start = start(d.day());
        Timestamp end = start(d.day().plusDays(1));
        boolean unknown = UNKNOWN.equals(d.prescriberId());
        String filter = unknown ? " AND l.prescriber_id IS NULL" : " AND l.prescriber_id = ?";
        Object[] args = unknown ? new Object[] {date, start, end} : new Object[] {date, start, end, d.prescriberId()};
        jdbc.update(USAGE.formatted(filter), args);
        jdbc.update(ACTIVITY.formatted(filter), args);
    }

    private Timestamp start(LocalDate day) {
        return Timestamp.from(day.atStartOfDay(zone).toInstant());
    }
}
