package org.qingfeng.app.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qingfeng.monitors.event.LineStatus;
import org.qingfeng.monitors.event.OtherOrder;
import org.qingfeng.monitors.event.PatientClass;
import org.qingfeng.monitors.event.Prescription;
import org.qingfeng.monitors.event.PrescriptionLine;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads stored prescriptions back as the monitors' events. */
public class PrescriptionRepository {

    private static final int IN_LIST = 200;

    private final JdbcTemplate jdbc;

    public PrescriptionRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** All order lines of the given prescriptions, one query per 200 prescriptions, lines in arrival order. */
    public List<Prescription> findOrders(Collection<StoredBatch.PrescriptionRef> refs) {
        List<StoredBatch.PrescriptionRef> all = List.copyOf(refs);
        Map<StoredBatch.PrescriptionRef, List<ResultRow>> rows = new LinkedHashMap<>();
        for (int from = 0; from < all.size(); from += IN_LIST) {
            List<StoredBatch.PrescriptionRef> chunk = all.subList(from, Math.min(all.size(), from + IN_LIST));
            String sql = "SELECT * FROM rx_line WHERE kind = 'ORDER' AND (facility, prescription_no) IN ("
                    + String.join(",", Collections.nCopies(chunk.size(), "(?,?)")) + ") ORDER BY id";
            Object[] args = chunk.stream()
                    .flatMap(r -> java.util.stream.Stream.of(r.facility(), r.number()))
                    .toArray();
            jdbc.query(
                    sql,
                    rs -> {
                        ResultRow row = row(rs);
                        rows.computeIfAbsent(
                                        new StoredBatch.PrescriptionRef(
                                                row.header().facility(),
                                                row.header().prescriptionNo()),
                                        k -> new ArrayList<>())
                                .add(row);
                    },
                    args);
        }
        List<Prescription> prescriptions = new ArrayList<>(rows.size());
        for (List<ResultRow> lines : rows.values()) {
            Prescription h = lines.get(0).header();
            prescriptions.add(new Prescription(
                    h.facility(),
                    h.prescriptionNo(),
                    h.patientKey(),
                    h.patientClass(),
                    h.departmentCode(),
                    h.departmentName(),
                    h.prescriberId(),
                    h.prescriberName(),
                    h.orderedAt(),
                    lines.stream().map(ResultRow::line).toList()));
        }
        return prescriptions;
    }

    /**
     * Active order lines of these patients ordered since {@code since}, by patient: what duplicate-therapy checks look
     * at across prescriptions. One query per 200 patients.
     */
    public Map<String, List<OtherOrder>> activeOrdersOfPatients(Collection<String> patientKeys, Instant since) {
        List<String> all = patientKeys.stream()
                .filter(java.util.Objects::nonNull)
                .distinct()
                .toList();
        Map<String, List<OtherOrder>> byPatient = new java.util.HashMap<>();
        for (int from = 0; from < all.size(); from += IN_LIST) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + IN_LIST));
            String sql = "SELECT patient_key, facility, prescription_no, placer_order_no, item_code, item_name,"
                    + " patient_class, ordered_at, days_supply FROM rx_line WHERE kind = 'ORDER' AND status = 'ACTIVE'"
                    + " AND ordered_at >= ? AND patient_key IN ("
                    + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")";
            List<Object> args = new ArrayList<>();
            args.add(Timestamps.of(since));
            args.addAll(chunk);
            jdbc.query(
                    sql,
                    rs -> {
                        byPatient
                                .computeIfAbsent(rs.getString("patient_key"), k -> new ArrayList<>())
                                .add(new OtherOrder(
                                        rs.getString("facility") + ":" + rs.getString("prescription_no"),
                                        rs.getString("placer_order_no"),
                                        rs.getString("item_code"),
                                        rs.getString("item_name"),
                                        PatientClass.valueOf(rs.getString("patient_class")),
                                        Timestamps.instant(rs.getTimestamp("ordered_at")),
                                        rs.getBigDecimal("days_supply")));
                    },
                    args.toArray());
        }
        return byPatient;
    }

    private record ResultRow(Prescription header, PrescriptionLine line) {}

    private static ResultRow row(ResultSet rs) throws SQLException {
        return new ResultRow(
                new Prescription(
                        rs.getString("facility"),
                        rs.getString("prescription_no"),
                        rs.getString("patient_key"),
                        PatientClass.valueOf(rs.getString("patient_class")),
                        rs.getString("department_code"),
                        rs.getString("department_name"),
                        rs.getString("prescriber_id"),
                        rs.getString("prescriber_name"),
                        Timestamps.instant(rs.getTimestamp("ordered_at")),
                        List.of()),
                new PrescriptionLine(
                        rs.getString("placer_order_no"),
                        LineStatus.valueOf(rs.getString("status")),
                        rs.getString("item_code"),
                        rs.getString("item_name"),
                        rs.getBigDecimal("dose"),
                        rs.getString("dose_unit"),
                        rs.getBigDecimal("quantity"),
                        rs.getString("quantity_unit"),
                        rs.getString("frequency"),
                        rs.getBigDecimal("days_supply"),
                        rs.getString("route"),
                        rs.getString("indication"),
                        rs.getString("justification"),
                        rs.getBoolean("chronic")));
    }
}
