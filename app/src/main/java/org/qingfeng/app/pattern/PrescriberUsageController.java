package org.qingfeng.app.pattern;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/prescribers/{id}/usage?from=&to=}: one prescriber's use of each item and per month, for the
 * discipline office. Each read is recorded (access audit, statistics ledger) and raises STAT_SELF_ACCESS unless an
 * open case about the prescriber or an approval ticket of the reader covers it; the answer says which.
 */
@RestController
@PreAuthorize("hasRole('DISCIPLINE')")
public class PrescriberUsageController {

    private final PrescriberUsage usage;

    public PrescriberUsageController(PrescriberUsage usage) {
        this.usage = usage;
    }

    @GetMapping("/api/v1/prescribers/{id}/usage")
    public Map<String, Object> usage(
            @PathVariable String id,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            Authentication user,
            HttpServletRequest request) {
        String call = PrescriberUsage.call(request);
        PrescriberUsage.View v = usage.read(id, from, to, user.getName(), request.getRemoteAddr(), call);
        Map<String, Object> prescriber = new LinkedHashMap<>();
        prescriber.put("id", v.prescriberId());
        prescriber.put("name", v.prescriberName());
        prescriber.put("departmentCode", v.departmentCode());
        prescriber.put("departmentName", v.departmentName());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("prescriber", prescriber);
        body.put("from", v.from().toString());
        body.put("to", v.to().toString());
        body.put("totalAmount", v.totalAmount());
        body.put("totalPrescriptions", v.totalPrescriptions());
        body.put("items", v.items());
        body.put("months", v.months());
        body.put("access", v.access());
        return body;
    }
}
