package org.qingfeng.app.persistence;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.qingfeng.connectors.hl7.InboundMessage;
import org.qingfeng.connectors.hl7.MappedMessage;
import org.qingfeng.monitors.event.LineStatus;
import org.qingfeng.monitors.event.Prescription;
import org.qingfeng.monitors.event.PrescriptionLine;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a batch of accepted messages and their prescription lines with a handful of batched statements, inside the
 * writer's transaction. NW keeps the first version of an order line; CA/DC change the state of the line they name.
 */
public class MessageWriter {

    private static final int IN_LIST = 200;
    private static final String ORDER = "ORDER";
    private static final String INSERT_MESSAGE = "INSERT INTO inbound_message (feed_id, sender, control_id,"
            + " message_type, version, charset, received_at, raw, summary) VALUES (?,?,?,?,?,?,?,?,?)";
    private static final String INSERT_LINE = "INSERT INTO rx_line (message_id, kind, facility, placer_order_no,"
            + " prescription_no, patient_key, patient_class, department_code, department_name, prescriber_id,"
            + " prescriber_name, ordered_at, status, item_code, item_name, dose, dose_unit, quantity, quantity_unit,"
            + " frequency, days_supply, route, indication, justification, chronic, updated_at)"
            + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    private static final String UPDATE_STATUS = "UPDATE rx_line SET status = ?, updated_at = ?"
            + " WHERE facility = ? AND placer_order_no = ? AND kind = ?";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final UsageRollups rollups;

    public MessageWriter(JdbcTemplate jdbc, JsonMapper json, UsageRollups rollups) {
        this.jdbc = jdbc;
        this.json = json;
        this.rollups = rollups;
    }

    /** True, and counted, when this sender's control ID is already in the database. */
    public boolean countDuplicate(String sender, String controlId) {
        // A read first: almost every message is new, and a read takes no lock and writes nothing.
        Integer n = jdbc.queryForObject(
                "SELECT COUNT(*) FROM inbound_message WHERE sender = ? AND control_id = ?",
                Integer.class,
                sender,
                controlId);
        return n != null && n > 0 && addDuplicates(sender, controlId, 1);
    }

    public boolean addDuplicates(String sender, String controlId, int repeats) {
        return jdbc.update(
                        "UPDATE inbound_message SET duplicates = duplicates + ? WHERE sender = ? AND control_id = ?",
                        repeats,
                        sender,
                        controlId)
                > 0;
    }

    /**
     * Writes the messages whose sender + control ID are not in the database yet; returns, per input message, its
     * stored form, or null for one that was already there (a journal replay after a crash).
     */
    public List<StoredBatch.StoredMessage> write(List<InboundMessage> messages) {
        Set<List<String>> known = existing(
                "SELECT sender, control_id FROM inbound_message WHERE (sender, control_id) IN ",
                messages.stream()
                        .map(m -> List.of(m.header().sender(), m.header().controlId()))
                        .distinct()
                        .toList());
        List<InboundMessage> fresh = new ArrayList<>();
        List<Boolean> isFresh = new ArrayList<>();
        Set<List<String>> seen = new HashSet<>();
        for (InboundMessage m : messages) {
            List<String> key = List.of(m.header().sender(), m.header().controlId());
            boolean add = !known.contains(key) && seen.add(key);
            isFresh.add(add);
            if (add) {
                fresh.add(m);
            }
        }
        List<StoredBatch.StoredMessage> result = new ArrayList<>(messages.size());
        if (fresh.isEmpty()) {
            messages.forEach(m -> result.add(null));
            return result;
        }
        List<Long> ids = insertMessages(fresh);
        writeLines(fresh, ids);
        int f = 0;
        for (Boolean add : isFresh) {
            if (add) {
                result.add(new StoredBatch.StoredMessage(
                        ids.get(f), refs(fresh.get(f).mapped())));
                f++;
            } else {
                result.add(null);
            }
        }
        return result;
    }

    private List<Long> insertMessages(List<InboundMessage> fresh) {
        return jdbc.execute(
                con -> con.prepareStatement(INSERT_MESSAGE, new String[] {"id"}), (PreparedStatement ps) -> {
                    for (InboundMessage m : fresh) {
                        ps.setString(1, m.feedId());
                        ps.setString(2, m.header().sender());
                        ps.setString(3, m.header().controlId());
                        ps.setString(4, m.header().typeAndEvent());
                        ps.setString(5, m.header().version());
                        ps.setString(6, m.charset());
                        ps.setTimestamp(7, Timestamps.of(m.receivedAt()));
                        ps.setBytes(8, m.raw());
                        ps.setString(9, summary(m.mapped()));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                    List<Long> ids = new ArrayList<>(fresh.size());
                    try (ResultSet keys = ps.getGeneratedKeys()) {
                        while (keys.next()) {
                            ids.add(keys.getLong(1));
                        }
                    }
                    if (ids.size() != fresh.size()) {
                        throw new SQLException("expected " + fresh.size() + " generated ids, got " + ids.size());
                    }
                    return ids;
                });
    }

    private record PendingLine(long messageId, String kind, Prescription rx, PrescriptionLine line, Instant at) {
        List<String> key() {
            return List.of(rx.facility(), line.placerOrderNo(), kind);
        }
    }

    private void writeLines(List<InboundMessage> fresh, List<Long> ids) {
        List<PendingLine> lines = new ArrayList<>();
        for (int i = 0; i < fresh.size(); i++) {
            InboundMessage m = fresh.get(i);
            for (Prescription rx : m.mapped().prescriptions()) {
                for (PrescriptionLine line : rx.lines()) {
                    lines.add(new PendingLine(ids.get(i), m.mapped().kind().name(), rx, line, m.receivedAt()));
                }
            }
        }
        // the lines already stored, with the prescriber-day they count for in the usage rollups (if an order time)
        Map<List<String>, Optional<UsageRollups.PrescriberDay>> stored = new HashMap<>();
        inChunks(
                "SELECT facility, placer_order_no, kind, ordered_at, prescriber_id FROM rx_line"
                        + " WHERE (facility, placer_order_no, kind) IN ",
                lines.stream().map(PendingLine::key).distinct().toList(),
                rs -> {
                    java.sql.Timestamp orderedAt = rs.getTimestamp(4);
                    stored.put(
                            List.of(rs.getString(1), rs.getString(2), rs.getString(3)),
                            orderedAt == null
                                    ? Optional.empty()
                                    : Optional.of(rollups.dayOf(orderedAt.toInstant(), rs.getString(5))));
                });
        Map<List<String>, PendingLine> inserts = new LinkedHashMap<>();
        List<PendingLine> updates = new ArrayList<>();
        for (PendingLine p : lines) {
            boolean exists = stored.containsKey(p.key()) || inserts.containsKey(p.key());
            if (p.line().status() == LineStatus.ACTIVE) {
                if (!exists) {
                    inserts.put(p.key(), p);
                }
            } else if (inserts.containsKey(p.key())) {
                // ordered and cancelled within one batch: insert the line in its final state
                PendingLine first = inserts.get(p.key());
                inserts.put(
                        p.key(),
                        new PendingLine(
                                first.messageId(),
                                first.kind(),
                                first.rx(),
                                first.line().withStatus(p.line().status()),
                                p.at()));
            } else if (exists) {
                updates.add(p);
            } else {
                inserts.put(p.key(), p); // a cancel for an order we never saw: keep it, in its state
            }
        }
        if (!inserts.isEmpty()) {
            jdbc.batchUpdate(
                    INSERT_LINE,
                    inserts.values().stream().map(MessageWriter::lineRow).toList());
        }
        if (!updates.isEmpty()) {
            jdbc.batchUpdate(
                    UPDATE_STATUS,
                    updates.stream()
                            .map(p -> new Object[] {
                                p.line().status().name(),
                                Timestamps.of(p.at()),
                                p.rx().facility(),
                                p.line().placerOrderNo(),
                                p.kind()
                            })
                            .toList());
        }
        markRollupsDirty(inserts.values(), updates, stored);
    }

    /** Marks the prescriber-days of changed order lines, in this transaction, for the usage rollups. */
    private void markRollupsDirty(
            Collection<PendingLine> inserts,
            List<PendingLine> updates,
            Map<List<String>, Optional<UsageRollups.PrescriberDay>> stored) {
        List<UsageRollups.PrescriberDay> dirty = new ArrayList<>();
        for (PendingLine p : inserts) {
            if (ORDER.equals(p.kind()) && p.rx().orderedAt() != null) {
                dirty.add(rollups.dayOf(p.rx().orderedAt(), p.rx().prescriberId()));
            }
        }
        for (PendingLine p : updates) {
            // the stored line's order time and prescriber count, not what the status change carried
            if (ORDER.equals(p.kind())) {
                stored.getOrDefault(p.key(), Optional.empty()).ifPresent(dirty::add);
            }
        }
        rollups.markDirty(dirty);
    }

    private static Object[] lineRow(PendingLine p) {
        Prescription rx = p.rx();
        PrescriptionLine line = p.line();
        return new Object[] {
            p.messageId(),
            p.kind(),
            rx.facility(),
            line.placerOrderNo(),
            rx.prescriptionNo(),
            rx.patientKey(),
            rx.patientClass().name(),
            rx.departmentCode(),
            rx.departmentName(),
            rx.prescriberId(),
            rx.prescriberName(),
            Timestamps.of(rx.orderedAt()),
            line.status().name(),
            line.itemCode(),
            line.itemName(),
            line.dose(),
            line.doseUnit(),
            line.quantity(),
            line.quantityUnit(),
            line.frequency(),
            line.daysSupply(),
            line.route(),
            line.indication(),
            line.justification(),
            line.chronic(),
            Timestamps.of(p.at())
        };
    }

    /** Which of the given key tuples exist, asked with row-value IN lists (H2 and PostgreSQL both take them). */
    private Set<List<String>> existing(String sqlPrefix, List<List<String>> keys) {
        Set<List<String>> found = new HashSet<>();
        inChunks(sqlPrefix, keys, rs -> {
            List<String> row = new ArrayList<>();
            for (int c = 1; c <= keys.get(0).size(); c++) {
                row.add(rs.getString(c));
            }
            found.add(row);
        });
        return found;
    }

    /** Runs {@code sqlPrefix (tuple, tuple, …)} for the keys, 200 tuples a query. */
    private void inChunks(String sqlPrefix, List<List<String>> keys, RowCallbackHandler rows) {
        for (int from = 0; from < keys.size(); from += IN_LIST) {
            List<List<String>> chunk = keys.subList(from, Math.min(keys.size(), from + IN_LIST));
            int width = chunk.get(0).size();
            String tuple = "(" + String.join(",", java.util.Collections.nCopies(width, "?")) + ")";
            String sql = sqlPrefix + "(" + String.join(",", java.util.Collections.nCopies(chunk.size(), tuple)) + ")";
            jdbc.query(sql, rows, chunk.stream().flatMap(List::stream).toArray());
        }
    }

    private static List<StoredBatch.PrescriptionRef> refs(MappedMessage mapped) {
        return mapped.prescriptions().stream()
                .map(p -> new StoredBatch.PrescriptionRef(p.facility(), p.prescriptionNo()))
                .distinct()
                .toList();
    }

    private String summary(MappedMessage mapped) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", mapped.header().typeAndEvent());
        s.put("kind", mapped.kind().name());
        s.put("lines", mapped.lineCount());
        s.put(
                "prescriptions",
                mapped.prescriptions().stream()
                        .map(p -> List.of(p.facility(), p.prescriptionNo()))
                        .toList());
        String text = json.writeValueAsString(s);
        return text.length() > 4000 ? text.substring(0, 4000) : text;
    }
}
