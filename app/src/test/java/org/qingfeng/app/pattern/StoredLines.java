package org.qingfeng.app.pattern;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes generated prescription lines straight into {@code rx_line} (under one stored message), for pattern tests
 * that need thousands of lines; the rollups are then rebuilt from them, as after an upgrade or a bulk load.
 */
public final class StoredLines {
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final JdbcTemplate jdbc;
    private final long messageId;
    private final List<Object[]> rows = new ArrayList<>();
    private int seq;

    public StoredLines(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        String control = "PT-" + UUID.randomUUID();
        jdbc.update(
                "INSERT INTO inbound_message (feed_id, sender, control_id, message_type, charset, received_at, raw,"
                        + " summary) VALUES ('test','TEST',?,'RDE^O11','UTF-8',?,?,'{}')",
                control,
                Timestamp.from(Instant.now()),
                control.getBytes(StandardCharsets.UTF_8));
        messageId = jdbc.queryForObject("SELECT id FROM inbound_message WHERE control_id = ?", Long.class, control);
    }

    /** Adds one active outpatient order line, ordered at 10:00 hospital time on the day. */
    public StoredLines line(
            String rx, String patient, String dept, String prescriber, LocalDate day, String item, double qty) {
        Instant at = day.atTime(10, 0).atZone(ZONE).toInstant();
        rows.add(new Object[] {
            messageId,
            "PT-H",
            "PT-" + messageId + "-" + (++seq),
            rx,
            patient,
            "OUTPATIENT",
            dept,
            prescriber,
            Timestamp.from(at),
            item,
            BigDecimal.valueOf(qty),
            Timestamp.from(Instant.now())
        });
        return this;
    }

    public void flush() {
        jdbc.batchUpdate(
                "INSERT INTO rx_line (message_id, kind, facility, placer_order_no, prescription_no, patient_key,"
                        + " patient_class, department_code, prescriber_id, ordered_at, status, item_code, quantity,"
                        + " updated_at) VALUES (?, 'ORDER', ?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?, ?)",
                rows);
        rows.clear();
    }

    /** Puts test catalog items in (replacing earlier versions of them); the caller reloads the reference cache. */
    public static void drug(JdbcTemplate jdbc, String code, String name, String price, boolean consumable) {
        jdbc.update("DELETE FROM ref_drug WHERE code = ?", code);
        jdbc.update(
                "INSERT INTO ref_drug (code, name, unit_price, controlled_release, key_monitored, indication_prefixes,"
                        + " high_value_consumable) VALUES (?,?,?,FALSE,FALSE,'',?)",
                code,
                name,
                new BigDecimal(price),
                consumable);
    }
}
