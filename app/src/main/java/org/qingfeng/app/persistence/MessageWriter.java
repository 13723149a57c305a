package org.qingfeng.app.persistence;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qingfeng.connectors.hl7.InboundMessage;
import org.qingfeng.connectors.hl7.MappedMessage;
import org.qingfeng.monitors.event.LineStatus;
import org.qingfeng.monitors.event.Prescription;
import org.qingfeng.monitors.event.PrescriptionLine;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import tools.jackson.databind.json.JsonMapper;

/** Writes one accepted message and its prescription lines. Called inside the writer's transaction. */
public class MessageWriter {

    private static final String INSERT_MESSAGE = "INSERT INTO inbound_message (feed_id, sender, control_id,"
            + " message_type, version, charset, received_at, raw, summary, status) VALUES (?,?,?,?,?,?,?,?,?,'STORED')";
    private static final String INSERT_LINE = "INSERT INTO rx_line (message_id, kind, facility, placer_order_no,"
            + " prescription_no, patient_key, patient_class, department_code, department_name, prescriber_id,"
            + " prescriber_name, ordered_at, status, item_code, item_name, dose, dose_unit, quantity, quantity_unit,"
            + " frequency, days_supply, route, indication, justification, chronic, updated_at)"
            + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    private static final String EXISTS_LINE =
            "SELECT COUNT(*) FROM rx_line WHERE facility = ? AND placer_order_no = ? AND kind = ?";
    private static final String UPDATE_STATUS = "UPDATE rx_line SET status = ?, updated_at = ?"
            + " WHERE facility = ? AND placer_order_no = ? AND kind = ?";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    public MessageWriter(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** True (and counted) when this sender's control ID was stored before. */
    public boolean countDuplicate(String sender, String controlId) {
        return jdbc.update(
                        "UPDATE inbound_message SET duplicates = duplicates + 1 WHERE sender = ? AND control_id = ?",
                        sender,
                        controlId)
                > 0;
    }

    public StoredBatch.StoredMessage insert(InboundMessage m) {
        MappedMessage mapped = m.mapped();
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.update(
                con -> {
                    PreparedStatement ps = con.prepareStatement(INSERT_MESSAGE, new String[] {"id"});
                    ps.setString(1, m.feedId());
                    ps.setString(2, m.header().sender());
                    ps.setString(3, m.header().controlId());
                    ps.setString(4, m.header().typeAndEvent());
                    ps.setString(5, m.header().version());
                    ps.setString(6, m.charset());
                    ps.setTimestamp(7, Timestamps.of(m.receivedAt()));
                    ps.setBytes(8, m.raw());
                    ps.setString(9, summary(mapped));
                    return ps;
                },
                key);
        long id = key.getKeyAs(Number.class).longValue();
        List<StoredBatch.PrescriptionRef> refs = new ArrayList<>();
        for (Prescription rx : mapped.prescriptions()) {
            refs.add(new StoredBatch.PrescriptionRef(rx.facility(), rx.prescriptionNo()));
            for (PrescriptionLine line : rx.lines()) {
                writeLine(id, mapped.kind().name(), rx, line, m.receivedAt());
            }
        }
        return new StoredBatch.StoredMessage(id, refs);
    }

    /** NW keeps the first version of an order; CA/DC change the state of the order they name. */
    private void writeLine(long messageId, String kind, Prescription rx, PrescriptionLine line, Instant now) {
        if (line.status() != LineStatus.ACTIVE) {
            int updated = jdbc.update(
                    UPDATE_STATUS, line.status().name(), Timestamps.of(now), rx.facility(), line.placerOrderNo(), kind);
            if (updated > 0) {
                return;
            }
        } else {
            Integer existing =
                    jdbc.queryForObject(EXISTS_LINE, Integer.class, rx.facility(), line.placerOrderNo(), kind);
            if (existing != null && existing > 0) {
                return;
            }
        }
        jdbc.update(
                INSERT_LINE,
                messageId,
                kind,
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
                Timestamps.of(now));
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
