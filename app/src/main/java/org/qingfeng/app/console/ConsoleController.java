package org.qingfeng.app.console;

import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.qingfeng.app.alert.Alert;
import org.qingfeng.app.alert.AlertAccess;
import org.qingfeng.app.alert.AlertQuery;
import org.qingfeng.app.alert.AlertRepository;
import org.qingfeng.app.alert.AlertStatus;
import org.qingfeng.app.alert.ReviewStatus;
import org.qingfeng.app.review.ReviewRepository;
import org.qingfeng.app.review.ReviewService;
import org.qingfeng.app.web.ApiException;
import org.qingfeng.app.web.Params;
import org.qingfeng.monitors.finding.Inbox;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Server-rendered console pages: login and the pharmacy inbox of open alerts. */
@Controller
public class ConsoleController {

    private final AlertRepository alerts;
    private final ZoneId zone;

    private final ReviewService reviews;
    private final ReviewRepository reviewRecords;
    private final org.springframework.jdbc.core.JdbcTemplate jdbc;

    public ConsoleController(
            AlertRepository alerts,
            ReviewService reviews,
            ReviewRepository reviewRecords,
            org.springframework.jdbc.core.JdbcTemplate jdbc,
            @Value("${qingfeng.time-zone:Asia/Shanghai}") String zone) {
        this.reviews = reviews;
        this.reviewRecords = reviewRecords;
        this.jdbc = jdbc;
        this.alerts = alerts;
        this.zone = ZoneId.of(zone);
    }

    @GetMapping("/login")
    public String login() {
        return "login";
    }

    @GetMapping("/")
    public String home() {
        return "redirect:/console/inbox";
    }

    @GetMapping("/console/inbox")
    public String inbox(
            @RequestParam(defaultValue = "PHARMACY") Inbox inbox,
            @RequestParam(required = false) String rule,
            @RequestParam(required = false) String department,
            @RequestParam(required = false) String prescriber,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            Model model,
            Authentication user) {
        Set<Inbox> readable = AlertAccess.readable(user);
        List<Alert> open = List.of();
        if (readable.contains(inbox)) {
            if (inbox == Inbox.PHARMACY) {
                // the pharmacy works its review queue: warnings not yet decided, whatever their alert status
                open = alerts.list(new AlertQuery(
                        blank(rule),
                        null,
                        blank(prescriber),
                        day(from, 0),
                        day(to, 1),
                        blank(department),
                        ReviewStatus.OPEN,
                        Set.of(inbox),
                        null,
                        200));
            } else {
                open = new java.util.ArrayList<>();
                for (AlertStatus status : List.of(AlertStatus.NEW, AlertStatus.ACKNOWLEDGED)) {
                    open.addAll(alerts.list(new AlertQuery(
                            blank(rule),
                            status,
                            blank(prescriber),
                            day(from, 0),
                            day(to, 1),
                            blank(department),
                            null,
                            Set.of(inbox),
                            null,
                            200)));
                }
            }
        }
        model.addAttribute("alerts", open);
        model.addAttribute(
                "privileges",
                reviewRecords.nonNormalStates(
                        open.stream().map(a -> a.subject().id()).toList()));
        model.addAttribute("zone", zone);
        model.addAttribute("inbox", inbox);
        model.addAttribute("readable", readable);
        model.addAttribute("allowed", readable.contains(inbox));
        model.addAttribute("canReview", inbox == Inbox.PHARMACY && AlertAccess.canReview(user));
        model.addAttribute(
                "filter",
                java.util.Map.of(
                        "rule", rule == null ? "" : rule,
                        "department", department == null ? "" : department,
                        "prescriber", prescriber == null ? "" : prescriber,
                        "from", from == null ? "" : from,
                        "to", to == null ? "" : to));
        return "inbox";
    }

    /** The pharmacist's decision on the selected warnings (one transaction each), then back to the same view. */
    @PostMapping("/console/inbox/review")
    public String review(
            @RequestParam(name = "ids", required = false) List<Long> ids,
            @RequestParam String action,
            @RequestParam(required = false) String category,
            @RequestParam(required = false) String note,
            @RequestParam(required = false) String rule,
            @RequestParam(required = false) String department,
            @RequestParam(required = false) String prescriber,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            Authentication user,
            RedirectAttributes redirect) {
        if (!AlertAccess.canReview(user)) {
            throw new org.springframework.security.access.AccessDeniedException("only pharmacists review");
        }
        int done = 0;
        List<String> failures = new java.util.ArrayList<>();
        ReviewService.Action decided = Params.enumValue(ReviewService.Action.class, action, "action");
        for (Long id : ids == null ? List.<Long>of() : ids) {
            try {
                reviews.review(id, decided, blank(category), blank(note), user.getName());
                done++;
            } catch (ApiException e) {
                failures.add("#" + id + ": " + e.getMessage());
            }
        }
        redirect.addFlashAttribute("done", done);
        redirect.addFlashAttribute("failures", failures);
        redirect.addAttribute("inbox", Inbox.PHARMACY);
        for (String[] p : new String[][] {
            {"rule", rule}, {"department", department}, {"prescriber", prescriber}, {"from", from}, {"to", to}
        }) {
            if (blank(p[1]) != null) {
                redirect.addAttribute(p[0], p[1]);
            }
        }
        return "redirect:/console/inbox";
    }

    /** One row of the statistics ledger as the console shows it. */
    public record LedgerRow(
            java.time.Instant occurredAt,
            String staffId,
            String staffName,
            String identity,
            String attribution,
            String dbUser,
            String appUser,
            String clientIp,
            String dimensions,
            String tables,
            Long rows,
            boolean approved,
            String ticket,
            String rules,
            String statement) {}

    /** The ledger of statistics queries (统方台账), for the discipline office and auditors. */
    @GetMapping("/console/ledger")
    @org.springframework.security.access.prepost.PreAuthorize("hasAnyRole('DISCIPLINE', 'AUDITOR')")
    public String ledger(Model model, Authentication user) {
        model.addAttribute(
                "rows",
                jdbc.query(
                        "SELECT * FROM stat_ledger ORDER BY occurred_at DESC, id DESC LIMIT 200",
                        (rs, n) -> new LedgerRow(
                                org.qingfeng.app.persistence.Timestamps.instant(rs.getTimestamp("occurred_at")),
                                rs.getString("staff_id"),
                                rs.getString("staff_name"),
                                rs.getString("identity"),
                                rs.getString("attribution"),
                                rs.getString("db_user"),
                                rs.getString("app_user"),
                                rs.getString("client_ip"),
                                rs.getString("dimensions"),
                                rs.getString("tables_read"),
                                rs.getObject("row_count") == null ? null : rs.getLong("row_count"),
                                rs.getBoolean("approved"),
                                rs.getString("ticket"),
                                rs.getString("rules_raised"),
                                rs.getString("statement"))));
        model.addAttribute("zone", zone);
        return "ledger";
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** A console date filter (YYYY-MM-DD, hospital time), plus some days; null when absent or not a date. */
    private java.time.Instant day(String value, int plusDays) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return java.time.LocalDate.parse(value.trim())
                    .plusDays(plusDays)
                    .atStartOfDay(zone)
                    .toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
