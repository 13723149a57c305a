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

    /** A rollup table: the columns that identify a row within a day, and the figures. */
    private record Table(String name, List<String> keys, List<String> values) {}

    private static final Table USAGE = new Table(
            "usage_day",
            List.of("prescriber_id", "department_code", "item_code"),
            List.of("amount", "quantity", "prescriptions", "patients"));
    private static final Table ACTIVITY = new Table(
            "activity_day",
            List.of("prescriber_id", "department_code", "patient_class"),
            List.of("prescriptions", "antibiotic_prescriptions", "patients", "antibiotic_patients"));
    private static final int DRAIN = 2_000;

    /** One prescriber's hospital day. */
    public record PrescriberDay(LocalDate day, String prescriberId) {}

    /** What a rebuild did: the rows the days now have, and how many had to be written (inserted, updated, deleted). */
    public record RebuildResult(
            LocalDate from, LocalDate to, int days, long usageRows, long activityRows, long rowsWritten) {}

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
     * at a time ({@code qingfeng.rollups.rebuild-threads}; each day is independent).
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
            long written = 0;
            for (Future<long[]> f : results) {
                long[] rows = f.get();
                usage += rows[0];
                activity += rows[1];
                written += rows[2];
            }
            return new RebuildResult(from, to, days.size(), usage, activity, written);
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
        return tx.execute(status -> aggregate(d, null, "", start(d), start(d.plusDays(1))));
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
            return new RebuildResult(null, null, 0, 0, 0, 0);
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
        Timestamp start = start(d.day());
        Timestamp end = start(d.day().plusDays(1));
        if (UNKNOWN.equals(d.prescriberId())) {
            aggregate(d.day(), UNKNOWN, " AND l.prescriber_id IS NULL", start, end);
        } else {
            aggregate(d.day(), d.prescriberId(), " AND l.prescriber_id = ?", start, end, d.prescriberId());
        }
    }

    /**
     * Reads the day's lines (of one prescriber, or all) once and brings both rollups in line with them: sums in exact
     * decimals, distinct prescriptions and patients counted with sets; only rows that differ are written. Returns the
     * day's usage and activity rows and how many rows were written.
     */
    private long[] aggregate(LocalDate day, String scopePrescriber, String filter, Object... args) {
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
        Map<List<String>, List<Object>> usageRows = new HashMap<>();
        usage.forEach((k, u) -> usageRows.put(
                k,
                List.of(
                        u.amount.setScale(2, RoundingMode.HALF_UP),
                        u.quantity.setScale(4, RoundingMode.HALF_UP),
                        u.prescriptions.size(),
                        u.patients.size())));
        Map<List<String>, List<Object>> activityRows = new HashMap<>();
        activity.forEach((k, a) -> activityRows.put(
                k,
                List.of(
                        a.prescriptions.size(),
                        a.antibioticPrescriptions.size(),
                        a.patients.size(),
                        a.antibioticPatients.size())));
        long written =
                sync(USAGE, date, scopePrescriber, usageRows) + sync(ACTIVITY, date, scopePrescriber, activityRows);
        return new long[] {usageRows.size(), activityRows.size(), written};
    }

    /**
     * Makes a day's rows of a rollup table (of one prescriber, or all) equal to {@code fresh}: inserts the missing,
     * updates the different, deletes the extra. A rebuild of unchanged data writes nothing.
     */
    private long sync(Table t, Date date, String prescriber, Map<List<String>, List<Object>> fresh) {
        String scope = " WHERE rx_date = ?" + (prescriber == null ? "" : " AND prescriber_id = ?");
        Object[] scopeArgs = prescriber == null ? new Object[] {date} : new Object[] {date, prescriber};
        Map<List<String>, String> stored = new HashMap<>();
        jdbc.query(
                "SELECT " + String.join(", ", t.keys()) + ", " + String.join(", ", t.values()) + " FROM " + t.name()
                        + scope,
                rs -> {
                    List<Object> values = new ArrayList<>();
                    for (int i = 0; i < t.values().size(); i++) {
                        values.add(rs.getObject(t.keys().size() + 1 + i));
                    }
                    stored.put(List.of(rs.getString(1), rs.getString(2), rs.getString(3)), normalized(values));
                },
                scopeArgs);
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        List<Object[]> deletes = new ArrayList<>();
        fresh.forEach((key, values) -> {
            String old = stored.get(key);
            if (old == null) {
                List<Object> row = new ArrayList<>(List.of(date));
                row.addAll(key);
                row.addAll(values);
                inserts.add(row.toArray());
            } else if (!old.equals(normalized(values))) {
                List<Object> row = new ArrayList<>(values);
                row.add(date);
                row.addAll(key);
                updates.add(row.toArray());
            }
        });
        stored.keySet().stream().filter(key -> !fresh.containsKey(key)).forEach(key -> {
            List<Object> row = new ArrayList<>(List.of(date));
            row.addAll(key);
            deletes.add(row.toArray());
        });
        String keyMatch = " WHERE rx_date = ? AND " + String.join(" = ? AND ", t.keys()) + " = ?";
        if (!inserts.isEmpty()) {
            jdbc.batchUpdate(
                    "INSERT INTO " + t.name() + " (rx_date, " + String.join(", ", t.keys()) + ", "
                            + String.join(", ", t.values()) + ") VALUES ("
                            + String.join(
                                    ",",
                                    java.util.Collections.nCopies(
                                            1 + t.keys().size() + t.values().size(), "?"))
                            + ")",
                    inserts);
        }
        if (!updates.isEmpty()) {
            jdbc.batchUpdate(
                    "UPDATE " + t.name() + " SET " + String.join(" = ?, ", t.values()) + " = ?" + keyMatch, updates);
        }
        if (!deletes.isEmpty()) {
            jdbc.batchUpdate("DELETE FROM " + t.name() + keyMatch, deletes);
        }
        return inserts.size() + updates.size() + (long) deletes.size();
    }

    /** Figures compared by value (a database may give 12.50 back as 12.5). */
    private static String normalized(List<Object> values) {
        StringBuilder s = new StringBuilder();
        for (Object v : values) {
            s.append(
                            v instanceof BigDecimal b
                                    ? b.stripTrailingZeros().toPlainString()
                                    : String.valueOf(((Number) v).longValue()))
                    .append('|');
        }
        return s.toString();
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
