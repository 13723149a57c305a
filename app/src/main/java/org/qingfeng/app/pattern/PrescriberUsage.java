package org.qingfeng.app.pattern;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.qingfeng.app.stat.StatisticsAccessService;
import org.qingfeng.app.web.ApiException;
import org.qingfeng.config.reference.Drug;
import org.qingfeng.config.reference.StaffMember;
import org.qingfeng.monitors.ReferenceData;
import org.qingfeng.monitors.pattern.ItemUsage;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The drill-down into one prescriber's statistics (use of each item, per month) from the rollups. These are 统方 data
 * about one doctor, so every read is recorded as a statistics access: in the access audit, in the ledger, and as
 * STAT_SELF_ACCESS when no open case about the prescriber and no approval ticket of the reader covers it.
 */
public class PrescriberUsage {

    /** The longest range one read may cover. */
    static final int MAX_DAYS = 366;

    /** What one read showed, and how the read was recorded. */
    public record View(
            String prescriberId,
            String prescriberName,
            String departmentCode,
            String departmentName,
            LocalDate from,
            LocalDate to,
            BigDecimal totalAmount,
            long totalPrescriptions,
            List<Map<String, Object>> items,
            List<Map<String, Object>> months,
            StatisticsAccessService.SelfAccess access) {}

    private final UsageQueries usage;
    private final ReferenceData reference;
    private final StatisticsAccessService statistics;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final ZoneId zone;

    public PrescriberUsage(
            UsageQueries usage,
            ReferenceData reference,
            StatisticsAccessService statistics,
            JdbcTemplate jdbc,
            Clock clock,
            ZoneId zone) {
        this.usage = usage;
        this.reference = reference;
        this.statistics = statistics;
        this.jdbc = jdbc;
        this.clock = clock;
        this.zone = zone;
    }

    /**
     * Reads the prescriber's use from {@code from} to {@code to} (inclusive hospital days; by default the current
     * month and the two before it, up to today) and records the read.
     *
     * @param call how the read was asked for (API path or console page), for the ledger
     */
    public View read(String prescriberId, String from, String to, String user, String clientIp, String call) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        LocalDate last = date(to, "to", today);
        LocalDate first = date(from, "from", last.withDayOfMonth(1).minusMonths(2));
        if (last.isBefore(first)) {
            throw new ApiException(
                    HttpStatus.BAD_REQUEST, "invalid-range", "to", "'to' " + last + " is before 'from' " + first);
        }
        if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
            throw new ApiException(
                    HttpStatus.BAD_REQUEST,
                    "invalid-range",
                    "from",
                    "at most " + MAX_DAYS + " days can be read at once");
        }
        Optional<StaffMember> staff = reference.staff(prescriberId);
        if (staff.isEmpty() && !hasUsage(prescriberId)) {
            throw new ApiException(HttpStatus.NOT_FOUND, "prescriber-not-found", "id", "no prescriber " + prescriberId);
        }
        LocalDate end = last.plusDays(1);
        List<ItemUsage> lines = usage.prescriberItems(prescriberId, first, end);
        double total = lines.stream().mapToDouble(ItemUsage::amount).sum();
        List<Map<String, Object>> items =
                lines.stream().map(u -> item(u, total)).toList();
        List<Map<String, Object>> months = usage.prescriberMonths(prescriberId, first, end);
        StatisticsAccessService.SelfAccess access =
                statistics.selfAccess(user, clientIp, prescriberId, call, items.size(), clock.instant());
        return new View(
                prescriberId,
                staff.map(StaffMember::name).orElse(null),
                staff.map(StaffMember::departmentCode).orElse(null),
                staff.map(StaffMember::departmentName).orElse(null),
                first,
                last,
                money(total),
                lines.stream().mapToLong(ItemUsage::prescriptions).sum(),
                items,
                months,
                access);
    }

    /** How a read was asked for, as the ledger keeps it: {@code GET /path?query}. */
    public static String call(jakarta.servlet.http.HttpServletRequest request) {
        return "GET " + request.getRequestURI()
                + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
    }

    private Map<String, Object> item(ItemUsage u, double total) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("itemCode", u.itemCode());
        row.put("itemName", reference.drug(u.itemCode()).map(Drug::name).orElse(u.itemCode()));
        row.put("amount", money(u.amount()));
        row.put("quantity", BigDecimal.valueOf(u.quantity()).setScale(2, RoundingMode.HALF_UP));
        row.put("prescriptions", u.prescriptions());
        row.put("patients", u.patients());
        row.put(
                "sharePercent",
                total == 0
                        ? BigDecimal.ZERO
                        : BigDecimal.valueOf(100 * u.amount() / total).setScale(1, RoundingMode.HALF_UP));
        return row;
    }

    private boolean hasUsage(String prescriberId) {
        return !jdbc.queryForList(
                        "SELECT 1 FROM usage_day WHERE prescriber_id = ? LIMIT 1", Integer.class, prescriberId)
                .isEmpty();
    }

    private static BigDecimal money(double amount) {
        return BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_UP);
    }

    private static LocalDate date(String value, String field, LocalDate otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid-date", field, "'" + value + "' is not YYYY-MM-DD");
        }
    }
}
