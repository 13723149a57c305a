package org.qingfeng.app.persistence;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.qingfeng.config.reference.Drug;
import org.qingfeng.monitors.ReferenceData;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Usage rollups ({@code usage_day}, {@code activity_day}) kept from the stored prescription lines. A write that adds
 * or changes order lines marks their prescriber-days dirty in its own transaction; {@link #refreshDirty()} recomputes
 * those prescriber-days, {@link #rebuild} recomputes whole days. Both read the lines once and aggregate them the same
 * way, only the
 * filter differs, so an incremental rollup and a rebuilt one are identical by construction (and tested to be).
 *
 * <p>Counted: active order lines with an order time (a cancel or discontinue takes a line out); amount is quantity
 * times the catalog's unit price at the time of the computation (¥0 for an item not in the catalog); days are hospital days in the configured zone.
 * Lines without a prescriber or department are kept under {@code "-"}.
 */
public class UsageRollups {

    public static final String UNKNOWN = "-";

    /**
     * The lines of one hospital day (optionally of one prescriber), read once for both rollups; prices and antibiotic
     * tiers come from the catalog in memory (a join costs the database a lookup per line).
     */
    private static final String LINES = "SELECT l.prescriber_id, l.department_code, l.item_code, l.patient_class,"
            + " l.facility, l.prescription_no, l.patient_key, l.quantity FROM rx_line l"
            + " WHERE l.kind = 'ORDER' AND l.status = 'ACTIVE' AND l.ordered_at >= ? AND l.ordered_at < ?";

    private static final String INSERT_USAGE = "INSERT INTO usage_day (rx_date, prescriber_id, department_code,"
            + " item_code, amount, quantity, prescriptions, patients) VALUES (?,?,?,?,?,?,?,?)";
    private static final String INSERT_ACTIVITY = "INSERT INTO activity_day (rx_date, prescriber_id, department_code,"
            + " patient_class, prescriptions, antibiotic_prescriptions, patients, antibiotic_patients)"
            + " VALUES (?,?,?,?,?,?,?,?)";
    private static final int DRAIN = 2_000;

    /** One prescriber's hospital day. */
    public record PrescriberDay(LocalDate day, String prescriberId) {}

    /** What a rebuild did. */
    public record RebuildResult(LocalDate from, LocalDate to, int days, long usageRows, long activityRows) {}

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ZoneId zone;
    private final int threads;
    private final ReferenceData catalog;

    public UsageRollups(JdbcTemplate jdbc, TransactionTemplate tx, ZoneId zone, int threads, ReferenceData catalog) {
        this.catalog = catalog;
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
            return aggregate(d, "", start(d), start(d.plusDays(1)));
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
        if (UNKNOWN.equals(d.prescriberId())) {
            aggregate(d.day(), " AND l.prescriber_id IS NULL", start, end);
        } else {
            aggregate(d.day(), " AND l.prescriber_id = ?", start, end, d.prescriberId());
        }
    }

    /**
     * Reads the day's lines once and writes both rollups: sums in exact decimals, distinct prescriptions and patients
     * counted with sets. Returns the rows written to usage_day and activity_day.
     */
    private long[] aggregate(LocalDate day, String filter, Object... args) {
        Map<String, Optional<Drug>> drugs = new HashMap<>();
        Map<List<String>, UsageCell> usage = new HashMap<>();
        Map<List<String>, ActivityCell> activity = new HashMap<>();
        jdbc.query(
                LINES + filter,
                rs -> {
                    String prescriber = orUnknown(rs.getString(1));
                    String department = orUnknown(rs.getString(2));
                    String rx = rs.getString(5) + ":" + rs.getString(6);
                    String patient = rs.getString(7);
                    BigDecimal quantity = rs.getBigDecimal(8) == null ? BigDecimal.ZERO : rs.getBigDecimal(8);
                    String item = rs.getString(3);
                    Drug drug = item == null
                            ? null
                            : drugs.computeIfAbsent(item, c -> catalog.drug(c)).orElse(null);
                    BigDecimal price = drug == null || drug.unitPrice() == null ? BigDecimal.ZERO : drug.unitPrice();
                    boolean antibiotic = drug != null && drug.antibioticTier() != null;
                    UsageCell u = usage.computeIfAbsent(
                            List.of(prescriber, department, orUnknown(item)), k -> new UsageCell());
                    u.amount = u.amount.add(quantity.multiply(price));
                    u.quantity = u.quantity.add(quantity);
                    u.prescriptions.add(rx);
                    ActivityCell a = activity.computeIfAbsent(
                            List.of(prescriber, department, rs.getString(4)), k -> new ActivityCell());
                    a.prescriptions.add(rx);
                    if (patient != null) {
                        u.patients.add(patient);
                        a.patients.add(patient);
                    }
                    if (antibiotic) {
                        a.antibioticPrescriptions.add(rx);
                        if (patient != null) {
                            a.antibioticPatients.add(patient);
                        }
                    }
                },
                args);
        Date date = Date.valueOf(day);
        jdbc.batchUpdate(
                INSERT_USAGE,
                usage.entrySet().stream()
                        .map(e -> new Object[] {
                            date,
                            e.getKey().get(0),
                            e.getKey().get(1),
                            e.getKey().get(2),
                            e.getValue().amount.setScale(2, RoundingMode.HALF_UP),
                            e.getValue().quantity.setScale(4, RoundingMode.HALF_UP),
                            e.getValue().prescriptions.size(),
                            e.getValue().patients.size()
                        })
                        .toList());
        jdbc.batchUpdate(
                INSERT_ACTIVITY,
                activity.entrySet().stream()
                        .map(e -> new Object[] {
                            date,
                            e.getKey().get(0),
                            e.getKey().get(1),
                            e.getKey().get(2),
                            e.getValue().prescriptions.size(),
                            e.getValue().antibioticPrescriptions.size(),
                            e.getValue().patients.size(),
                            e.getValue().antibioticPatients.size()
                        })
                        .toList());
        return new long[] {usage.size(), activity.size()};
    }

    private static String orUnknown(String value) {
        return value == null ? UNKNOWN : value;
    }

    private static final class UsageCell {
        BigDecimal amount = BigDecimal.ZERO;
        BigDecimal quantity = BigDecimal.ZERO;
        final Set<String> prescriptions = new HashSet<>();
        final Set<String> patients = new HashSet<>();
    }

    private static final class ActivityCell {
        final Set<String> prescriptions = new HashSet<>();
        final Set<String> antibioticPrescriptions = new HashSet<>();
        final Set<String> patients = new HashSet<>();
        final Set<String> antibioticPatients = new HashSet<>();
    }

    private Timestamp start(LocalDate day) {
        return Timestamp.from(day.atStartOfDay(zone).toInstant());
    }
}
