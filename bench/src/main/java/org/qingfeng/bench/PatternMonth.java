package org.qingfeng.bench;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Random;

/**
 * Writes a generated month of a 3,000-bed hospital into Qingfeng's (already migrated) database: about 3 million order
 * lines from 800 prescribers in 40 departments of 20, over 2,000 catalog items (5 % high-value consumables, 10 %
 * antibiotics). Each department uses its own 150 items with a skewed popularity; each prescriber writes about 42
 * prescriptions a day of 1–5 lines, written day by day as a feed would deliver them. Deterministic for a seed.
 *
 * <p>{@code main <jdbc-url> <user> <password> <YYYY-MM> <lines> [seed]}; prints one line with what it wrote.
 */
public final class PatternMonth {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PatternMonth.class);

    static final int PRESCRIBERS = 800;
    static final int DEPARTMENT_SIZE = 20;
    static final int ITEMS = 2_000;
    static final int ITEMS_PER_DEPARTMENT = 150;

    private PatternMonth() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        YearMonth month = YearMonth.parse(args[3]);
        long lines = Long.parseLong(args[4]);
        Random random = new Random(args.length > 5 ? Long.parseLong(args[5]) : 42);
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        long start = System.nanoTime();
        try (Connection c = DriverManager.getConnection(url, args[1], args[2])) {
            c.setAutoCommit(false);
            catalog(c, random);
            long message = message(c);
            int departments = PRESCRIBERS / DEPARTMENT_SIZE;
            int[][] departmentItems = new int[departments][ITEMS_PER_DEPARTMENT];
            for (int d = 0; d < departments; d++) {
                for (int i = 0; i < ITEMS_PER_DEPARTMENT; i++) {
                    departmentItems[d][i] = random.nextInt(ITEMS);
                }
            }
            long written = 0;
            int rx = 0;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO rx_line (message_id, kind, facility,"
                    + " placer_order_no, prescription_no, patient_key, patient_class, department_code, prescriber_id,"
                    + " ordered_at, status, item_code, quantity, updated_at) VALUES (?, 'ORDER', 'BM', ?, ?, ?, ?, ?, ?,"
                    + " ?, ?, ?, ?, ?)")) {
                Timestamp now = Timestamp.from(Instant.now());
                int batch = 0;
                // day by day, as a feed delivers them: lines of one day are stored together
                long perDay = (lines + month.lengthOfMonth() - 1) / month.lengthOfMonth();
                while (written < lines) {
                    int p = random.nextInt(PRESCRIBERS);
                    int d = p / DEPARTMENT_SIZE;
                    int day = 1 + (int) Math.min(month.lengthOfMonth() - 1, written / perDay);
                    Instant at = month.atDay(day)
                            .atTime(8 + random.nextInt(10), random.nextInt(60))
                            .atZone(zone)
                            .toInstant();
                    String number = "BMRX" + (++rx);
                    String patient = "BMP" + random.nextInt(400_000);
                    String patientClass =
                            random.nextInt(10) < 7 ? "OUTPATIENT" : random.nextInt(3) == 0 ? "EMERGENCY" : "INPATIENT";
                    int n = 1 + random.nextInt(5);
                    for (int l = 0; l < n && written < lines; l++) {
                        // skewed popularity: low indexes of the department's list are used far more often
                        double u = random.nextDouble();
                        int item = departmentItems[d][(int) (ITEMS_PER_DEPARTMENT * u * u * u)];
                        ps.setLong(1, message);
                        ps.setString(2, number + "-" + l);
                        ps.setString(3, number);
                        ps.setString(4, patient);
                        ps.setString(5, patientClass);
                        ps.setString(6, "BMD" + d);
                        ps.setString(7, "BMDR" + p);
                        ps.setTimestamp(8, Timestamp.from(at));
                        ps.setString(9, "ACTIVE");
                        ps.setString(10, "BMI" + item);
                        ps.setBigDecimal(11, BigDecimal.valueOf(1 + random.nextInt(6)));
                        ps.setTimestamp(12, now);
                        ps.addBatch();
                        written++;
                        if (++batch == 5_000) {
                            ps.executeBatch();
                            c.commit();
                            batch = 0;
                        }
                    }
                }
                ps.executeBatch();
                c.commit();
            }
            log.info(String.format(
                    "generated %s: %,d lines, %,d prescriptions, %d prescribers in %d departments, %d items in %.1f s",
                    month, written, rx, PRESCRIBERS, departments, ITEMS, (System.nanoTime() - start) / 1e9));
        }
    }

    private static void catalog(Connection c, Random random) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ref_drug (code, name, unit_price, antibiotic_tier,"
                + " controlled_release, key_monitored, indication_prefixes, high_value_consumable)"
                + " VALUES (?, ?, ?, ?, FALSE, FALSE, '', ?)")) {
            for (int i = 0; i < ITEMS; i++) {
                boolean consumable = i % 20 == 0;
                ps.setString(1, "BMI" + i);
                ps.setString(2, (consumable ? "耗材" : "药品") + i);
                ps.setBigDecimal(
                        3, BigDecimal.valueOf(consumable ? 1000 + random.nextInt(19_000) : 1 + random.nextInt(500)));
                ps.setString(4, i % 10 == 1 ? "RESTRICTED" : null);
                ps.setBoolean(5, consumable);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        c.commit();
    }

    private static long message(Connection c) throws Exception {
        String control = "BM-" + System.nanoTime();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO inbound_message (feed_id, sender, control_id,"
                + " message_type, charset, received_at, raw, summary) VALUES ('bench', 'BENCH', ?, 'RDE^O11', 'UTF-8',"
                + " ?, ?, '{}')")) {
            ps.setString(1, control);
            ps.setTimestamp(2, Timestamp.from(Instant.now()));
            ps.setBytes(3, control.getBytes(StandardCharsets.UTF_8));
            ps.executeUpdate();
        }
        try (var s = c.createStatement();
                var rs = s.executeQuery("SELECT id FROM inbound_message WHERE control_id = '" + control + "'")) {
            rs.next();
            long id = rs.getLong(1);
            c.commit();
            return id;
        }
    }
}
