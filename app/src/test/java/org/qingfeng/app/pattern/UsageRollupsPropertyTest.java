package org.qingfeng.app.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.qingfeng.app.persistence.MessageWriter;
import org.qingfeng.app.persistence.UsageRollups;
import org.qingfeng.connectors.hl7.Hl7Header;
import org.qingfeng.connectors.hl7.InboundMessage;
import org.qingfeng.connectors.hl7.LineKind;
import org.qingfeng.connectors.hl7.MappedMessage;
import org.qingfeng.monitors.event.LineStatus;
import org.qingfeng.monitors.event.PatientClass;
import org.qingfeng.monitors.event.Prescription;
import org.qingfeng.monitors.event.PrescriptionLine;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The usage rollups kept incrementally — lines written through the real {@link MessageWriter} in random batches,
 * cancelled and discontinued, with refreshes at random moments — equal a brute-force recomputation from the final
 * state of the lines, and equal a rebuild from the stored lines.
 */
class UsageRollupsPropertyTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Instant DAY0 =
            LocalDate.of(2026, 3, 1).atStartOfDay(ZONE).toInstant();
    /** Catalog: price and whether it is an antibiotic; "ZZ" is an item not in the catalog (amount 0). */
    private static final Map<String, BigDecimal> PRICES =
            Map.of("A1", new BigDecimal("12.50"), "A2", new BigDecimal("3.20"), "AB", new BigDecimal("45.00"));

    private static final List<String> ITEMS = List.of("A1", "A2", "AB", "ZZ");

    private static JdbcTemplate jdbc;
    private static TransactionTemplate tx;
    private static UsageRollups rollups;
    private static MessageWriter writer;

    @BeforeContainer
    static void database() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:rollups;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;"
                + "DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        Flyway.configure().dataSource(ds).load().migrate();
        jdbc = new JdbcTemplate(ds);
        tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
        rollups = new UsageRollups(jdbc, tx, ZONE, 2, catalog());
        writer = new MessageWriter(jdbc, JsonMapper.builder().build(), rollups);
    }

    private static org.qingfeng.monitors.InMemoryReferenceData catalog() {
        Map<String, org.qingfeng.config.reference.Drug> drugs = new HashMap<>();
        PRICES.forEach((code, price) -> drugs.put(
                code,
                new org.qingfeng.config.reference.Drug(
                        code,
                        code,
                        null,
                        null,
                        null,
                        null,
                        price,
                        code.equals("AB") ? org.qingfeng.config.reference.AntibioticTier.RESTRICTED : null,
                        null,
                        false,
                        false,
                        List.of(),
                        false,
                        null,
                        null)));
        return new org.qingfeng.monitors.InMemoryReferenceData(drugs, Map.of());
    }

    /** One step: a new prescription (1–3 lines), a status change of an earlier line, or a refresh of the rollups. */
    sealed interface Op permits NewRx, Change, Refresh {}

    record NewRx(
            String prescriber,
            String department,
            String patient,
            PatientClass patientClass,
            int minute,
            List<String> items,
            List<Integer> quantities)
            implements Op {}

    record Change(int lineIndex, LineStatus status) implements Op {}

    record Refresh() implements Op {}

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Op> newRx = Combinators.combine(
                        Arbitraries.of("D1", "D2", "D3", "-"),
                        Arbitraries.of("CARD", "RESP"),
                        Arbitraries.of("P1", "P2", "P3", "P4", "P5", null),
                        Arbitraries.of(PatientClass.OUTPATIENT, PatientClass.EMERGENCY, PatientClass.INPATIENT),
                        Arbitraries.integers().between(0, 3 * 24 * 60 - 1),
                        Arbitraries.of(ITEMS).list().ofMinSize(1).ofMaxSize(3),
                        Arbitraries.integers().between(1, 20).list().ofSize(3))
                .as((p, d, pt, c, m, items, q) -> (Op) new NewRx(p, d, pt, c, m, items, q));
        Arbitrary<Op> change = Combinators.combine(
                        Arbitraries.integers().between(0, 200),
                        Arbitraries.of(LineStatus.CANCELLED, LineStatus.DISCONTINUED))
                .as((i, s) -> (Op) new Change(i, s));
        Arbitrary<Op> refresh = Arbitraries.just(new Refresh());
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(6, newRx),
                        net.jqwik.api.Tuple.of(3, change),
                        net.jqwik.api.Tuple.of(1, refresh))
                .list()
                .ofMinSize(1)
                .ofMaxSize(60);
    }

    /** A line as the brute force keeps it. */
    private record Line(
            String placer,
            String rx,
            String prescriber,
            String department,
            String patient,
            PatientClass patientClass,
            Instant orderedAt,
            String item,
            int quantity,
            LineStatus status) {}

    @Property(tries = 40)
    void incrementalRollupsEqualBruteForceAndRebuild(@ForAll("operations") List<Op> ops) {
        clear();
        List<Line> lines = new ArrayList<>();
        List<InboundMessage> batch = new ArrayList<>();
        int rxNo = 0;
        for (Op op : ops) {
            if (op instanceof NewRx n) {
                String rx = "RX" + (++rxNo);
                Instant at = DAY0.plusSeconds(n.minute() * 60L);
                String prescriber = "-".equals(n.prescriber()) ? null : n.prescriber();
                List<PrescriptionLine> pl = new ArrayList<>();
                for (int i = 0; i < n.items().size(); i++) {
                    Line l = new Line(
                            rx + "-" + i,
                            rx,
                            prescriber,
                            n.department(),
                            n.patient(),
                            n.patientClass(),
                            at,
                            n.items().get(i),
                            n.quantities().get(i),
                            LineStatus.ACTIVE);
                    lines.add(l);
                    pl.add(line(l));
                }
                batch.add(message(new Prescription(
                        "H",
                        rx,
                        n.patient(),
                        n.patientClass(),
                        n.department(),
                        n.department(),
                        prescriber,
                        prescriber,
                        at,
                        pl)));
            } else if (op instanceof Change c) {
                if (!lines.isEmpty()) {
                    int i = c.lineIndex() % lines.size();
                    Line l = lines.get(i);
                    Line changed = new Line(
                            l.placer(),
                            l.rx(),
                            l.prescriber(),
                            l.department(),
                            l.patient(),
                            l.patientClass(),
                            l.orderedAt(),
                            l.item(),
                            l.quantity(),
                            c.status());
                    lines.set(i, changed);
                    batch.add(message(new Prescription(
                            "H",
                            l.rx(),
                            l.patient(),
                            l.patientClass(),
                            l.department(),
                            l.department(),
                            l.prescriber(),
                            l.prescriber(),
                            l.orderedAt(),
                            List.of(line(changed)))));
                }
            } else {
                write(batch);
                rollups.refreshDirty();
            }
            if (batch.size() >= 4) {
                write(batch);
            }
        }
        write(batch);
        rollups.refreshDirty();

        Set<String> expectedUsage = expectedUsage(lines);
        Set<String> expectedActivity = expectedActivity(lines);
        assertThat(usageRows()).isEqualTo(expectedUsage);
        assertThat(activityRows()).isEqualTo(expectedActivity);

        assertThat(rollups.rebuildAll().rowsWritten())
                .as("a rebuild finds nothing to repair")
                .isZero();
        assertThat(usageRows()).isEqualTo(expectedUsage);
        assertThat(activityRows()).isEqualTo(expectedActivity);

        // a rebuild from empty tables writes the same rows
        jdbc.update("DELETE FROM usage_day");
        jdbc.update("DELETE FROM activity_day");
        assertThat(rollups.rebuildAll().rowsWritten()).isEqualTo(expectedUsage.size() + expectedActivity.size());
        assertThat(usageRows()).isEqualTo(expectedUsage);
        assertThat(activityRows()).isEqualTo(expectedActivity);
    }

    private static void clear() {
        for (String t : List.of("rollup_dirty", "usage_day", "activity_day", "rx_line", "inbound_message")) {
            jdbc.update("DELETE FROM " + t);
        }
    }

    private static int messages;

    private static InboundMessage message(Prescription rx) {
        String id = "M" + (++messages);
        Hl7Header header = new Hl7Header("HIS", "H", "RDE", "O11", id, "P", "2.5", null);
        return new InboundMessage(
                "main",
                id.getBytes(StandardCharsets.UTF_8),
                "UTF-8",
                Instant.now(),
                new MappedMessage(header, LineKind.ORDER, List.of(rx)),
                null);
    }

    private static PrescriptionLine line(Line l) {
        return new PrescriptionLine(
                l.placer(),
                l.status(),
                l.item(),
                l.item(),
                null,
                null,
                BigDecimal.valueOf(l.quantity()),
                "盒",
                null,
                null,
                null,
                null,
                null,
                false);
    }

    private static void write(List<InboundMessage> batch) {
        if (!batch.isEmpty()) {
            tx.executeWithoutResult(s -> writer.write(List.copyOf(batch)));
            batch.clear();
        }
    }

    private static Set<String> expectedUsage(List<Line> lines) {
        Map<List<String>, List<Line>> cells = new HashMap<>();
        for (Line l : lines) {
            if (l.status() == LineStatus.ACTIVE) {
                cells.computeIfAbsent(List.of(day(l), who(l), l.department(), l.item()), k -> new ArrayList<>())
                        .add(l);
            }
        }
        Set<String> rows = new TreeSet<>();
        cells.forEach((k, ls) -> {
            BigDecimal amount = BigDecimal.ZERO;
            int quantity = 0;
            for (Line l : ls) {
                amount = amount.add(
                        PRICES.getOrDefault(l.item(), BigDecimal.ZERO).multiply(BigDecimal.valueOf(l.quantity())));
                quantity += l.quantity();
            }
            rows.add(String.join("|", k) + "|" + amount.setScale(2) + "|" + quantity + "|"
                    + ls.stream().map(Line::rx).distinct().count() + "|"
                    + ls.stream()
                            .map(Line::patient)
                            .filter(p -> p != null)
                            .distinct()
                            .count());
        });
        return rows;
    }

    private static Set<String> expectedActivity(List<Line> lines) {
        Map<List<String>, List<Line>> cells = new HashMap<>();
        for (Line l : lines) {
            if (l.status() == LineStatus.ACTIVE) {
                cells.computeIfAbsent(
                                List.of(
                                        day(l),
                                        who(l),
                                        l.department(),
                                        l.patientClass().name()),
                                k -> new ArrayList<>())
                        .add(l);
            }
        }
        Set<String> rows = new TreeSet<>();
        cells.forEach((k, ls) -> {
            Set<String> abxRx = new HashSet<>();
            Set<String> abxPatients = new HashSet<>();
            for (Line l : ls) {
                if (l.item().equals("AB")) {
                    abxRx.add(l.rx());
                    if (l.patient() != null) {
                        abxPatients.add(l.patient());
                    }
                }
            }
            rows.add(String.join("|", k) + "|"
                    + ls.stream().map(Line::rx).distinct().count() + "|" + abxRx.size()
                    + "|"
                    + ls.stream()
                            .map(Line::patient)
                            .filter(p -> p != null)
                            .distinct()
                            .count() + "|"
                    + abxPatients.size());
        });
        return rows;
    }

    private static String day(Line l) {
        return l.orderedAt().atZone(ZONE).toLocalDate().toString();
    }

    private static String who(Line l) {
        return l.prescriber() == null ? UsageRollups.UNKNOWN : l.prescriber();
    }

    private static Set<String> usageRows() {
        return new TreeSet<>(jdbc.query(
                "SELECT rx_date, prescriber_id, department_code, item_code, amount, quantity, prescriptions, patients"
                        + " FROM usage_day",
                (rs, n) -> rs.getDate(1).toLocalDate() + "|" + rs.getString(2) + "|" + rs.getString(3) + "|"
                        + rs.getString(4) + "|" + rs.getBigDecimal(5).setScale(2) + "|"
                        + rs.getBigDecimal(6).stripTrailingZeros().toPlainString() + "|" + rs.getLong(7) + "|"
                        + rs.getLong(8)));
    }

    private static Set<String> activityRows() {
        return new TreeSet<>(jdbc.query(
                "SELECT rx_date, prescriber_id, department_code, patient_class, prescriptions, antibiotic_prescriptions,"
                        + " patients, antibiotic_patients FROM activity_day",
                (rs, n) -> rs.getDate(1).toLocalDate() + "|" + rs.getString(2) + "|" + rs.getString(3) + "|"
                        + rs.getString(4) + "|" + rs.getLong(5) + "|" + rs.getLong(6) + "|" + rs.getLong(7) + "|"
                        + rs.getLong(8)));
    }
}
