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
import org.qingfeng.monitors.finding.Inbox;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Server-rendered console pages: login and the pharmacy inbox of open alerts. */
@Controller
public class ConsoleController {

    private final AlertRepository alerts;
    private final ZoneId zone;

    public ConsoleController(AlertRepository alerts, @Value("${qingfeng.time-zone:Asia/Shanghai}") String zone) {
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
        model.addAttribute("zone", zone);
        model.addAttribute("inbox", inbox);
        model.addAttribute("readable", readable);
        model.addAttribute("user", user.getName());
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
