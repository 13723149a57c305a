package org.qingfeng.app.audit;

import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The AUDITOR's view of the access audit: recent entries and a verification of the whole chain. */
@RestController
@RequestMapping("/api/v1/access-audit")
@PreAuthorize("hasRole('AUDITOR')")
public class AccessAuditController {

    private final AccessAudit audit;

    public AccessAuditController(AccessAudit audit) {
        this.audit = audit;
    }

    @GetMapping
    public List<Map<String, Object>> recent(@RequestParam(defaultValue = "100") int limit) {
        return audit.recent(limit);
    }

    @GetMapping("/verify")
    public AccessAudit.Verification verify() {
        return audit.verify();
    }
}
