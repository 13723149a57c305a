package org.qingfeng.app.alert;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.qingfeng.app.web.ApiException;
import org.qingfeng.app.web.Params;
import org.qingfeng.monitors.finding.Inbox;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** {@code /api/v1/alerts} (interfaces.md §5). */
@RestController
@RequestMapping("/api/v1/alerts")
public class AlertController {

    static final int MAX_LIMIT = 500;

    private final AlertRepository alerts;
    private final AlertService service;
    private final JsonMapper json;

    public AlertController(AlertRepository alerts, AlertService service, JsonMapper json) {
        this.alerts = alerts;
        this.service = service;
        this.json = json;
    }

    public record TransitionRequest(String to, String reason) {}

    @GetMapping
    public Map<String, Object> list(
            @RequestParam(required = false) String rule,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String subject,
            @RequestParam(required = false) String since,
            @RequestParam(required = false) String until,
            @RequestParam(required = false) String department,
            @RequestParam(required = false) String prescriber,
            @RequestParam(required = false) String review,
            @RequestParam(required = false) String inbox,
            @RequestParam(defaultValue = "50") int limit,
            @RequestParam(required = false) String cursor,
            Authentication user) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ApiException(
                    HttpStatus.BAD_REQUEST, "invalid-parameter", "limit", "limit must be 1-" + MAX_LIMIT);
        }
        if (subject != null && prescriber != null && !subject.equals(prescriber)) {
            throw new ApiException(
                    HttpStatus.BAD_REQUEST,
                    "invalid-parameter",
                    "prescriber",
                    "'prescriber' and 'subject' name the same filter; give one");
        }
        Set<Inbox> inboxes = EnumSet.noneOf(Inbox.class);
        inboxes.addAll(AlertAccess.readable(user));
        if (inbox != null && !inbox.isBlank()) {
            inboxes.retainAll(Set.of(Params.enumValue(Inbox.class, inbox, "inbox")));
        }
        AlertQuery q = new AlertQuery(
                blankToNull(rule),
                status == null || status.isBlank() ? null : status(status, "status"),
                blankToNull(subject != null ? subject : prescriber),
                since == null || since.isBlank() ? null : instant(since, "since", 0),
                until == null || until.isBlank() ? null : instant(until, "until", 1),
                blankToNull(department),
                review == null || review.isBlank()
                        ? null
                        : Arrays.stream(review.split(","))
                                .map(r -> Params.enumValue(ReviewStatus.class, r, "review"))
                                .collect(Collectors.toSet()),
                inboxes,
                cursor == null || cursor.isBlank() ? null : decodeCursor(cursor),
                limit + 1);
        List<Alert> page = alerts.list(q);
        boolean more = page.size() > limit;
        List<Alert> items = more ? page.subList(0, limit) : page;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", items.stream().map(a -> view(a, json)).toList());
        body.put("next", more ? encodeCursor(items.get(items.size() - 1).id()) : null);
        return body;
    }

    @GetMapping("/{id}")
    public Map<String, Object> get(@PathVariable long id, Authentication user) {
        Alert alert = readable(id, user);
        Map<String, Object> view = view(alert, json);
        view.put(
                "transitions",
                alerts.transitions(id).stream()
                        .map(t -> {
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("from", t.from().name());
                            m.put("to", t.to().name());
                            m.put("reason", t.reason());
                            m.put("actor", t.actor());
                            m.put("at", t.at().toString());
                            return m;
                        })
                        .toList());
        return view;
    }

    @PostMapping("/{id}/transitions")
    public Map<String, Object> transition(
            @PathVariable long id, @RequestBody TransitionRequest request, Authentication user) {
        Alert alert = readable(id, user);
        if (!AlertAccess.canWork(user, alert.inbox())) {
            throw new ApiException(
                    HttpStatus.FORBIDDEN,
                    "forbidden",
                    "inbox",
                    "your roles do not allow changing alerts of the " + alert.inbox() + " inbox");
        }
        if (request.to() == null || request.to().isBlank()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "missing-field", "to", "'to' is required");
        }
        return view(service.transition(id, status(request.to(), "to"), request.reason(), user.getName()), json);
    }

    private Alert readable(long id, Authentication user) {
        Alert alert = alerts.find(id)
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "alert-not-found", "id", "no alert " + id));
        if (!AlertAccess.readable(user).contains(alert.inbox())) {
            // Not found rather than forbidden: do not confirm that an alert exists to someone who may not read it.
            throw new ApiException(HttpStatus.NOT_FOUND, "alert-not-found", "id", "no alert " + id);
        }
        return alert;
    }

    /** The JSON shape of an alert (interfaces.md §5), with its department and pharmacy review. */
    public static Map<String, Object> view(Alert a, JsonMapper json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("rule", a.rule());
        m.put("severity", a.severity().name());
        m.put("status", a.status().name());
        m.put("inbox", a.inbox().name());
        Map<String, Object> subject = new LinkedHashMap<>();
        subject.put("type", a.subject().type().name());
        subject.put("id", a.subject().id());
        subject.put("name", a.subject().name());
        m.put("subject", subject);
        m.put("department", a.department());
        m.put("title", a.title());
        m.put("raisedAt", a.raisedAt().toString());
        m.put("justified", a.justified());
        if (a.review() != null) {
            Map<String, Object> review = new LinkedHashMap<>();
            review.put("status", a.review().status().name());
            review.put("category", a.review().category());
            review.put("prescriberJustification", a.review().prescriberJustification());
            m.put("review", review);
        }
        m.put("evidence", json.readTree(a.evidenceJson()));
        return m;
    }

    private static AlertStatus status(String value, String field) {
        return Params.enumValue(AlertStatus.class, value, field);
    }

    /** An ISO-8601 instant, or a date (hospital time) plus {@code plusDays}: "until=2026-11-30" includes that day. */
    private static Instant instant(String value, String field, int plusDays) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            try {
                return java.time.LocalDate.parse(value)
                        .plusDays(plusDays)
                        .atStartOfDay(java.time.ZoneId.of("Asia/Shanghai"))
                        .toInstant();
            } catch (DateTimeParseException e2) {
                throw new ApiException(
                        HttpStatus.BAD_REQUEST,
                        "invalid-parameter",
                        field,
                        "'" + value + "' is not an ISO-8601 instant or date");
            }
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    static String encodeCursor(long id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("a:" + id).getBytes(StandardCharsets.UTF_8));
    }

    static long decodeCursor(String cursor) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!s.startsWith("a:")) {
                throw new IllegalArgumentException();
            }
            return Long.parseLong(s.substring(2));
        } catch (IllegalArgumentException e) {
            throw new ApiException(
                    HttpStatus.BAD_REQUEST, "invalid-parameter", "cursor", "the cursor is not one this API returned");
        }
    }
}
