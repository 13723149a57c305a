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

    public ConsoleController(
            AlertRepository alerts,
            ReviewService reviews,
            ReviewRepository reviewRecords,
            @Value("${qingfeng.time-zone:Asia/Shanghai}") String zone) {
        this.reviews = reviews;
        this.reviewRecords = reviewRecords;
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
