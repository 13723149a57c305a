package org.qingfeng.app.pattern;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qingfeng.app.alert.AlertAccess;
import org.qingfeng.app.persistence.UsageRollups;
import org.qingfeng.app.web.ApiException;
import org.quartz.SchedulerException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Pattern jobs: their schedules and recent runs, run-now ({@code POST /api/v1/jobs/{name}/run}, answered when the run
 * has finished, with its counts), and the rebuild of the usage rollups from the stored lines.
 */
@RestController
@RequestMapping("/api/v1")
public class JobController {

    static final Duration RUN_TIMEOUT = Duration.ofMinutes(30);

    private final JobScheduling scheduling;
    private final JobRuns runs;
    private final UsageRollups rollups;

    public JobController(JobScheduling scheduling, JobRuns runs, UsageRollups rollups) {
        this.scheduling = scheduling;
        this.runs = runs;
        this.rollups = rollups;
    }

    public record RunRequest(String period) {}

    @GetMapping("/jobs")
    @PreAuthorize("hasAnyRole('DISCIPLINE', 'IT_ADMIN', 'PHARMACIST')")
    public List<Map<String, Object>> jobs() throws SchedulerException {
        Map<String, Object> next = scheduling.nextFireTimes();
        List<Map<String, Object>> jobs = new ArrayList<>();
        for (PatternJob job : PatternJob.values()) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("name", job.jobName());
            j.put("period", job.daily() ? "day" : "month");
            j.put("schedule", scheduling.crons().get(job));
            j.put("nextRun", next.get(job.jobName()));
            j.put("recentRuns", runs.recent(job.jobName(), 5));
            jobs.add(j);
        }
        return jobs;
    }

    @PostMapping("/jobs/{name}/run")
    @PreAuthorize("hasAnyRole('DISCIPLINE', 'IT_ADMIN', 'PHARMACIST')")
    public JobRuns.Run run(
            @PathVariable String name, @RequestBody(required = false) RunRequest request, Authentication user)
            throws SchedulerException, InterruptedException {
        PatternJob job = PatternJob.byName(name)
                .orElseThrow(
                        () -> new ApiException(HttpStatus.NOT_FOUND, "job-not-found", "name", "no job '" + name + "'"));
        if (AlertAccess.has(user, "PHARMACIST")
                && !AlertAccess.has(user, "DISCIPLINE")
                && !AlertAccess.has(user, "IT_ADMIN")
                && job != PatternJob.ANTIBIOTIC_KPI
                && job != PatternJob.REVIEW_SAMPLE) {
            throw new ApiException(
                    HttpStatus.FORBIDDEN,
                    "forbidden",
                    "name",
                    "a pharmacist may run antibiotic-kpi and review-sample only");
        }
        String period;
        try {
            period = job.validPeriod(request == null ? null : request.period());
        } catch (IllegalArgumentException e) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-period", "period", e.getMessage());
        }
        JobRuns.Run run = scheduling.runNow(job, period, user.getName(), RUN_TIMEOUT);
        if ("FAILED".equals(run.outcome())) {
            throw new ApiException(
                    HttpStatus.INTERNAL_SERVER_ERROR, "job-failed", "name", job.jobName() + " failed: " + run.error());
        }
        return run;
    }

    /** Recomputes the usage rollups from the stored prescription lines (all days, or from..to inclusive). */
    @PostMapping("/rollups/rebuild")
    @PreAuthorize("hasAnyRole('IT_ADMIN', 'DISCIPLINE')")
    public UsageRollups.RebuildResult rebuild(
            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        if (from == null && to == null) {
            return rollups.rebuildAll();
        }
        if (from == null || to == null) {
            throw new ApiException(
                    HttpStatus.BAD_REQUEST, "range-incomplete", from == null ? "from" : "to", "give both from and to");
        }
        java.time.LocalDate first;
        java.time.LocalDate last;
        try {
            first = java.time.LocalDate.parse(from);
            last = java.time.LocalDate.parse(to);
        } catch (java.time.format.DateTimeParseException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid-date", "from", "from and to are YYYY-MM-DD");
        }
        if (last.isBefore(first)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid-range", "to", "to is before from");
        }
        return rollups.rebuild(first, last);
    }
}
