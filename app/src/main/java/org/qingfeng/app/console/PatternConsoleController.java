package org.qingfeng.app.console;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.qingfeng.app.alert.Alert;
import org.qingfeng.app.alert.AlertAccess;
import org.qingfeng.app.alert.AlertRepository;
import org.qingfeng.app.audit.AccessAudit;
import org.qingfeng.app.pattern.DoubleTenReports;
import org.qingfeng.app.pattern.JobScheduling;
import org.qingfeng.app.pattern.PatternJob;
import org.qingfeng.app.pattern.PrescriberUsage;
import org.qingfeng.app.web.ApiException;
import org.quartz.SchedulerException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Console pages of the pattern work: the 双十 report with its charts, and the detail of an alert with its evidence
 * and, for pattern alerts, a small chart of the prescriber against the peers or the baseline. Reads of per-prescriber
 * figures are audited.
 */
@Controller
public class PatternConsoleController {

    private final DoubleTenReports reports;
    private final PrescriberUsage prescribers;
    private final JobScheduling jobs;
    private final AlertRepository alerts;
    private final AccessAudit audit;
    private final JsonMapper json;
    private final Clock clock;
    private final ZoneId zone;

    public PatternConsoleController(
            DoubleTenReports reports,
            PrescriberUsage prescribers,
            JobScheduling jobs,
            AlertRepository alerts,
            AccessAudit audit,
            JsonMapper json,
            Clock clock,
            @Value("${qingfeng.time-zone:Asia/Shanghai}") String zone) {
        this.reports = reports;
        this.prescribers = prescribers;
        this.jobs = jobs;
        this.alerts = alerts;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
        this.zone = ZoneId.of(zone);
    }

    @GetMapping("/console/reports/double-ten")
    @PreAuthorize("hasAnyRole('DISCIPLINE', 'PHARMACIST')")
    public String doubleTen(@RequestParam(required = false) String month, Model model, Authentication user) {
        YearMonth m = month(month);
        model.addAttribute("month", m.toString());
        model.addAttribute("monthEnd", m.atEndOfMonth().toString());
        model.addAttribute("zone", zone);
        model.addAttribute("canRun", AlertAccess.has(user, "DISCIPLINE"));
        reports.read(m, user, "console").ifPresent(view -> {
            model.addAttribute("view", view);
            model.addAttribute("reportJson", json.writeValueAsString(view.report()));
        });
        return "doubleten";
    }

    @PostMapping("/console/reports/double-ten/run")
    @PreAuthorize("hasRole('DISCIPLINE')")
    public String runDoubleTen(@RequestParam String month, Authentication user)
            throws SchedulerException, InterruptedException {
        YearMonth m = month(month);
        jobs.runNow(PatternJob.DOUBLE_TEN, m.toString(), user.getName(), Duration.ofMinutes(30));
        return "redirect:/console/reports/double-ten?month=" + m;
    }

    /** The drill-down into one prescriber's usage; the read is recorded like the API's (ledger, audit, STAT_SELF_ACCESS). */
    @GetMapping("/console/prescribers/{id}/usage")
    @PreAuthorize("hasRole('DISCIPLINE')")
    public String prescriber(
            @PathVariable String id,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            Model model,
            Authentication user,
            HttpServletRequest request) {
        String call = PrescriberUsage.call(request);
        PrescriberUsage.View v;
        try {
            v = prescribers.read(id, from, to, user.getName(), request.getRemoteAddr(), call);
        } catch (ApiException e) {
            throw new ResponseStatusException(e.status(), e.getMessage());
        }
        model.addAttribute("v", v);
        model.addAttribute("monthsJson", json.writeValueAsString(v.months()));
        return "prescriber";
    }

    @GetMapping("/console/alerts/{id}")
    public String alert(@PathVariable long id, Model model, Authentication user) {
        Alert alert = alerts.find(id)
                .filter(a -> AlertAccess.readable(user).contains(a.inbox()))
                .orElseThrow(() -> new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND));
        if (alert.rule().startsWith("PAT_") || alert.rule().startsWith("STAT_")) {
            audit.append(
                    user.getName(),
                    "READ_ALERT",
                    "alert/" + id,
                    alert.rule() + " " + alert.subject().id());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> evidence = json.readValue(alert.evidenceJson(), Map.class);
        model.addAttribute("alert", alert);
        model.addAttribute(
                "canDrill",
                AlertAccess.has(user, "DISCIPLINE")
                        && alert.subject().type() == org.qingfeng.monitors.finding.SubjectType.STAFF);
        model.addAttribute("evidence", evidence);
        model.addAttribute("evidenceRows", EvidenceRow.of(evidence));
        model.addAttribute("evidenceJson", alert.evidenceJson());
        model.addAttribute("zone", zone);
        return "alert";
    }

    private YearMonth month(String month) {
        if (month == null || month.isBlank()) {
            return YearMonth.from(LocalDate.ofInstant(clock.instant(), zone)).minusMonths(1);
        }
        try {
            return YearMonth.parse(month.trim());
        } catch (DateTimeParseException e) {
            throw new ResponseStatusException(org.springframework.http.HttpStatus.BAD_REQUEST, "month is YYYY-MM");
        }
    }
}
