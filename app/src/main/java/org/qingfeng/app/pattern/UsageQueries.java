package org.qingfeng.app.pattern;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qingfeng.monitors.event.PatientClass;
import org.qingfeng.monitors.pattern.DepartmentActivity;
import org.qingfeng.monitors.pattern.ItemUsage;
import org.qingfeng.monitors.pattern.PrescriberVolume;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/** Reads the usage rollups over a range of hospital days, {@code from} inclusive, {@code to} exclusive. */
public class UsageQueries {

    private final JdbcTemplate jdbc;
    private final ZoneId zone;

    public UsageQueries(JdbcTemplate jdbc, ZoneId zone) {
        this.jdbc = jdbc;
        this.zone = zone;
    }

    private static final RowMapper<ItemUsage> ITEM_USAGE = (rs, n) -> new ItemUsage(
            rs.getString(1),
            rs.getString(2),
            rs.getString(3),
            rs.getDouble(4),
            rs.getDouble(5),
            rs.getLong(6),
            rs.getLong(7));

    /** Use by prescriber, department and item. */
    public List<ItemUsage> usage(LocalDate from, LocalDate to) {
        return inRange(
                "SELECT prescriber_id, department_code, item_code, SUM(amount), SUM(quantity), SUM(prescriptions),"
                        + " SUM(patients) FROM usage_day WHERE rx_date >= ? AND rx_date < ?"
                        + " GROUP BY prescriber_id, department_code, item_code",
                ITEM_USAGE,
                from,
                to);
    }

    /** Use by item only (prescriber and department {@code *}): enough for rankings over many months. */
    public List<ItemUsage> itemTotals(LocalDate from, LocalDate to) {
        return inRange(
                "SELECT '*', '*', item_code, SUM(amount), SUM(quantity), SUM(prescriptions), SUM(patients)"
                        + " FROM usage_day WHERE rx_date >= ? AND rx_date < ? GROUP BY item_code",
                ITEM_USAGE,
                from,
                to);
    }

    /** One prescriber's use of each item (department {@code *}), largest amount first: the drill-down. */
    public List<ItemUsage> prescriberItems(String prescriberId, LocalDate from, LocalDate to) {
        return inRange(
                "SELECT prescriber_id, '*', item_code, SUM(amount), SUM(quantity), SUM(prescriptions), SUM(patients)"
                        + " FROM usage_day WHERE rx_date >= ? AND rx_date < ? AND prescriber_id = ?"
                        + " GROUP BY prescriber_id, item_code ORDER BY SUM(amount) DESC, item_code",
                ITEM_USAGE,
                from,
                to,
                prescriberId);
    }

    /** One prescriber's amount and prescriptions per calendar month ({@code YYYY-MM}), oldest first. */
    public List<Map<String, Object>> prescriberMonths(String prescriberId, LocalDate from, LocalDate to) {
        return inRange(
                "SELECT EXTRACT(YEAR FROM rx_date), EXTRACT(MONTH FROM rx_date), SUM(amount), SUM(prescriptions)"
                        + " FROM usage_day WHERE rx_date >= ? AND rx_date < ? AND prescriber_id = ?"
                        + " GROUP BY EXTRACT(YEAR FROM rx_date), EXTRACT(MONTH FROM rx_date)"
                        + " ORDER BY EXTRACT(YEAR FROM rx_date), EXTRACT(MONTH FROM rx_date)",
                (rs, n) -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put(
                            "month",
                            java.time.YearMonth.of(rs.getInt(1), rs.getInt(2)).toString());
                    row.put("amount", rs.getBigDecimal(3).setScale(2, java.math.RoundingMode.HALF_UP));
                    row.put("prescriptions", rs.getLong(4));
                    return row;
                },
                from,
                to,
                prescriberId);
    }

    /** Patient visits and prescriptions by prescriber and department. */
    public List<PrescriberVolume> volumes(LocalDate from, LocalDate to) {
        return inRange(
                "SELECT prescriber_id, department_code, SUM(patients), SUM(prescriptions) FROM activity_day"
                        + " WHERE rx_date >= ? AND rx_date < ? GROUP BY prescriber_id, department_code",
                (rs, n) -> new PrescriberVolume(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)),
                from,
                to);
    }

    /** Activity by department and patient class. */
    public List<DepartmentActivity> departments(LocalDate from, LocalDate to) {
        return inRange(
                "SELECT department_code, patient_class, SUM(prescriptions), SUM(antibiotic_prescriptions),"
                        + " SUM(patients), SUM(antibiotic_patients) FROM activity_day WHERE rx_date >= ? AND rx_date < ?"
                        + " GROUP BY department_code, patient_class",
                (rs, n) -> new DepartmentActivity(
                        rs.getString(1),
                        PatientClass.valueOf(rs.getString(2)),
                        rs.getLong(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.getLong(6)),
                from,
                to);
    }

    /**
     * A rollup query over the hospital days {@code from} (inclusive) to {@code to} (exclusive), the two dates its first
     * parameters, {@code more} after them.
     */
    private <T> List<T> inRange(String sql, RowMapper<T> mapper, LocalDate from, LocalDate to, Object... more) {
        Object[] args = new Object[2 + more.length];
        args[0] = Date.valueOf(from);
        args[1] = Date.valueOf(to);
        System.arraycopy(more, 0, args, 2, more.length);
        return jdbc.query(sql, mapper, args);
    }

    /**
     * The prescriptions that contributed most to a figure: active order lines of the item in the range, by amount, of
     * one prescriber, or else of the item's 10 largest prescribers in the range (and department), read from the
     * rollups; so the lines are found through the prescriber index, not by scanning the range.
     */
    public List<Map<String, Object>> topPrescriptions(
            String itemCode, String prescriberId, String departmentCode, LocalDate from, LocalDate to, int limit) {
        List<String> prescribers = prescriberId != null
                ? List.of(prescriberId)
                : jdbc.queryForList(
                        "SELECT prescriber_id FROM usage_day WHERE rx_date >= ? AND rx_date < ? AND item_code = ?"
                                + (departmentCode == null ? "" : " AND department_code = ?")
                                + " GROUP BY prescriber_id ORDER BY SUM(amount) DESC, prescriber_id LIMIT 10",
                        String.class,
                        departmentCode == null
                                ? new Object[] {Date.valueOf(from), Date.valueOf(to), itemCode}
                                : new Object[] {Date.valueOf(from), Date.valueOf(to), itemCode, departmentCode});
        if (prescribers.isEmpty()) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("SELECT l.facility, l.prescription_no, l.prescriber_id,"
                + " l.department_code, l.ordered_at, l.quantity, COALESCE(l.quantity, 0) * COALESCE(d.unit_price, 0)"
                + " AS amount FROM rx_line l LEFT JOIN ref_drug d ON d.code = l.item_code WHERE l.kind = 'ORDER'"
                + " AND l.status = 'ACTIVE' AND l.ordered_at >= ? AND l.ordered_at < ? AND l.item_code = ?"
                + " AND l.prescriber_id IN (" + String.join(",", java.util.Collections.nCopies(prescribers.size(), "?"))
                + ")");
        List<Object> args = new ArrayList<>(List.of(start(from), start(to), itemCode));
        args.addAll(prescribers);
        if (departmentCode != null) {
            sql.append(" AND l.department_code = ?");
            args.add(departmentCode);
        }
        sql.append(" ORDER BY amount DESC, l.id LIMIT ").append(limit);
        return jdbc.query(
                sql.toString(),
                (rs, n) -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("prescription", rs.getString(1) + ":" + rs.getString(2));
                    row.put("prescriberId", rs.getString(3));
                    row.put("department", rs.getString(4));
                    row.put("orderedAt", rs.getTimestamp(5).toInstant().toString());
                    row.put("quantity", rs.getBigDecimal(6));
                    row.put("amount", rs.getBigDecimal(7).setScale(2, java.math.RoundingMode.HALF_UP));
                    return row;
                },
                args.toArray());
    }

    private Timestamp start(LocalDate day) {
        return Timestamp.from(day.atStartOfDay(zone).toInstant());
    }
}
