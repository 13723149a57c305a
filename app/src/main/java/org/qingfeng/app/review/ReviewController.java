package org.qingfeng.app.review;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qingfeng.app.alert.Alert;
import org.qingfeng.app.alert.AlertAccess;
import org.qingfeng.app.alert.AlertController;
import org.qingfeng.app.alert.AlertRepository;
import org.qingfeng.app.web.ApiException;
import org.qingfeng.app.web.Params;
import org.qingfeng.config.reference.StaffMember;
import org.qingfeng.monitors.ReferenceData;
import org.qingfeng.monitors.review.PrivilegeState;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pharmacy review API: decide warnings one by one or in bulk, record the prescriber's justification, read the
 * audit trail; prescribers' privilege states; the monthly 处方点评 samples. Pharmacists review; the discipline office
 * reads and records privilege changes.
 */
@RestController
@RequestMapping("/api/v1")
public class ReviewController {

    static final int MAX_BULK = 200;

    private final ReviewService service;
    private final SamplingService sampling;
    private final ReviewRepository reviews;
    private final AlertRepository alerts;
    private final ReferenceData reference;
    private final JsonMapper json;

    public ReviewController(
            ReviewService service,
            SamplingService sampling,
            ReviewRepository reviews,
            AlertRepository alerts,
            ReferenceData reference,
            JsonMapper json) {
        this.service = service;
        this.sampling = sampling;
        this.reviews = reviews;
        this.alerts = alerts;
        this.reference = reference;
        this.json = json;
    }

    public record ReviewRequest(String action, String category, String note) {}

    public record BulkReviewRequest(List<Long> ids, String action, String category, String note) {}

    public record JustificationRequest(String text) {}

    public record PrivilegeRequest(String state, String reason) {}

    public record SampleRequest(String month, Long seed) {}

    public record SampleReviewRequest(String result, String category, String note) {}

    @PostMapping("/alerts/{id}/review")
    @PreAuthorize("hasRole('PHARMACIST')")
    public Map<String, Object> review(@PathVariable long id, @RequestBody ReviewRequest request, Authentication user) {
        Alert alert = service.review(id, action(request.action()), request.category(), request.note(), user.getName());
        return AlertController.view(alert, json);
    }

    /** Decides many warnings at once; each is its own transaction, and each gets its own answer. */
    @PostMapping("/alerts/reviews")
    @PreAuthorize("hasRole('PHARMACIST')")
    public Map<String, Object> bulk(@RequestBody BulkReviewRequest request, Authentication user) {
        if (request.ids() == null || request.ids().isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "missing-field", "ids", "'ids' lists the alerts to review");
        }
        if (request.ids().size() > MAX_BULK) {
            throw new ApiException(
                    HttpStatus.BAD_REQUEST, "too-many", "ids", "at most " + MAX_BULK + " alerts per request");
        }
        ReviewService.Action action = action(request.action());
        List<Map<String, Object>> results = new ArrayList<>();
        for (Long id : request.ids()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("id", id);
            try {
                Alert alert = service.review(id, action, request.category(), request.note(), user.getName());
                r.put("ok", true);
                r.put("review", alert.review().status().name());
            } catch (ApiException e) {
                r.put("ok", false);
                r.put("code", e.code());
                r.put("detail", e.getMessage());
            }
            results.add(r);
        }
        return Map.of("results", results);
    }

    /** The prescriber's justification, entered by the pharmacist who took it or by the head of department. */
    @PostMapping("/alerts/{id}/justification")
    @PreAuthorize("hasAnyRole('PHARMACIST', 'DEPT_HEAD')")
    public Map<String, Object> justify(
            @PathVariable long id, @RequestBody JustificationRequest request, Authentication user) {
        return AlertController.view(service.justify(id, request.text(), user.getName()), json);
    }

    @GetMapping("/alerts/{id}/reviews")
    @PreAuthorize("hasAnyRole('PHARMACIST', 'DISCIPLINE', 'AUDITOR')")
    public List<ReviewRepository.Action> trail(@PathVariable long id, Authentication user) {
        Alert alert = alerts.find(id)
                .filter(a -> AlertAccess.readable(user).contains(a.inbox()))
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "alert-not-found", "id", "no alert " + id));
        return reviews.forAlert(alert.id());
    }

    @GetMapping("/prescribers/{id}/privilege")
    @PreAuthorize("hasAnyRole('PHARMACIST', 'DISCIPLINE', 'AUDITOR')")
    public Map<String, Object> privilege(@PathVariable String id) {
        StaffMember staff = reference
                .staff(id)
                .orElseThrow(
                        () -> new ApiException(HttpStatus.NOT_FOUND, "staff-not-found", "id", "no staff member " + id));
        ReviewRepository.Privilege p = reviews.privilege(id);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("staffId", id);
        m.put("name", staff.name());
        m.put("department", staff.departmentCode());
        m.put("state", p.state().name());
        m.put("since", p.since() == null ? null : p.since().toString());
        m.put("reason", p.reason());
        m.put("changedBy", p.changedBy());
        m.put("irrationalSinceStateChange", service.irrationalSinceStateChange(id));
        m.put("history", reviews.privilegeHistory(id));
        return m;
    }

    @PutMapping("/prescribers/{id}/privilege")
    @PreAuthorize("hasRole('DISCIPLINE')")
    public Map<String, Object> changePrivilege(
            @PathVariable String id, @RequestBody PrivilegeRequest request, Authentication user) {
        if (request.state() == null || request.state().isBlank()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "missing-field", "state", "'state' is required");
        }
        PrivilegeState state = Params.enumValue(PrivilegeState.class, request.state(), "state");
        service.changePrivilege(id, state, request.reason(), user.getName());
        return privilege(id);
    }

    @PostMapping("/review-samples")
    @PreAuthorize("hasRole('PHARMACIST')")
    public SamplingService.Sample draw(@RequestBody SampleRequest request, Authentication user) {
        return sampling.draw(request.month(), request.seed(), user.getName());
    }

    @GetMapping("/review-samples")
    @PreAuthorize("hasAnyRole('PHARMACIST', 'DISCIPLINE', 'AUDITOR')")
    public List<Map<String, Object>> samples(@RequestParam(required = false) String month) {
        return sampling.list(month);
    }

    @GetMapping("/review-samples/{id}")
    @PreAuthorize("hasAnyRole('PHARMACIST', 'DISCIPLINE', 'AUDITOR')")
    public SamplingService.Sample sample(@PathVariable long id) {
        return sampling.find(id);
    }

    @PostMapping("/review-samples/{id}/items/{itemId}/review")
    @PreAuthorize("hasRole('PHARMACIST')")
    public SamplingService.Item reviewItem(
            @PathVariable long id,
            @PathVariable long itemId,
            @RequestBody SampleReviewRequest request,
            Authentication user) {
        return sampling.review(
                id, itemId, action(request.result()), request.category(), request.note(), user.getName());
    }

    private static ReviewService.Action action(String value) {
        if (value == null || value.isBlank()) {
            throw new ApiException(
                    HttpStatus.BAD_REQUEST,
                    "missing-field",
                    "action",
                    "'action' is one of " + List.of(ReviewService.Action.values()));
        }
        return Params.enumValue(ReviewService.Action.class, value, "action");
    }
}
