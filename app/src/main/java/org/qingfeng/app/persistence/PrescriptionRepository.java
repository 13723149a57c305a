package org.qingfeng.app.persistence;

import java.util.List;
import java.util.Optional;
import org.qingfeng.monitors.event.LineStatus;
import org.qingfeng.monitors.event.PatientClass;
import org.qingfeng.monitors.event.Prescription;
import org.qingfeng.monitors.event.PrescriptionLine;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads stored prescriptions back as the monitors' events. */
public class PrescriptionRepository {

    private final JdbcTemplate jdbc;

    public PrescriptionRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private record Row(Prescription header, PrescriptionLine line) {}

    /** All order lines of one prescription, in arrival order; empty when none are stored. */
    public Optional<Prescription> findOrder(String facility, String prescriptionNo) {
        List<Row> rows = jdbc.query(
                "SELECT * FROM rx_line WHERE facility = ? AND prescription_no = ? AND kind = 'ORDER' ORDER BY id",
                (rs, n) -> new Row(
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
                                rs.getBoolean("chronic"))),
                facility,
                prescriptionNo);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Prescription h = rows.get(0).header();
        return Optional.of(new Prescription(
                h.facility(),
                h.prescriptionNo(),
                h.patientKey(),
                h.patientClass(),
                h.departmentCode(),
                h.departmentName(),
                h.prescriberId(),
                h.prescriberName(),
                h.orderedAt(),
                rows.stream().map(Row::line).toList()));
    }

    public int countOrderLines() {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM rx_line WHERE kind = 'ORDER'", Integer.class);
        return n == null ? 0 : n;
    }
}
