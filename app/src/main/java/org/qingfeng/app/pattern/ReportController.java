package org.qingfeng.app.pattern;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.qingfeng.app.web.ApiException;
import org.qingfeng.monitors.pattern.DoubleTenRanking;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The stored 双十 report of a month, as JSON, XLSX and PDF. Per-prescriber rankings are 统方 data: the discipline
 * office reads all of it, a pharmacist the drug ranking only; every read is written to the access audit, and exports
 * carry a watermark naming the user and the time.
 */
@RestController
@RequestMapping("/api/v1/reports")
@PreAuthorize("hasAnyRole('DISCIPLINE', 'PHARMACIST')")
public class ReportController {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final DoubleTenReports reports;
    private final Clock clock;
    private final ZoneId zone;

    public ReportController(DoubleTenReports reports, Clock clock, JobRuns runs) {
        this.reports = reports;
        this.clock = clock;
        this.zone = runs.zone();
    }

    @GetMapping("/double-ten")
    public Map<String, Object> doubleTen(@RequestParam(required = false) String month, Authentication user) {
        Loaded r = load(month, user, "json");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("month", r.stored().period());
        body.put("generatedAt", r.stored().generatedAt().toString());
        body.put("generatedBy", r.stored().generatedBy());
        body.put("report", r.report());
        return body;
    }

    @GetMapping("/double-ten.xlsx")
    public ResponseEntity<byte[]> xlsx(@RequestParam(required = false) String month, Authentication user) {
        Loaded r = load(month, user, "xlsx");
        return file(DoubleTenExport.xlsx(r.report(), watermark(user)), XLSX, "double-ten-" + r.month() + ".xlsx");
    }

    @GetMapping("/double-ten.pdf")
    public ResponseEntity<byte[]> pdf(@RequestParam(required = false) String month, Authentication user) {
        Loaded r = load(month, user, "pdf");
        return file(
                DoubleTenExport.pdf(r.report(), watermark(user)),
                MediaType.APPLICATION_PDF_VALUE,
                "double-ten-" + r.month() + ".pdf");
    }

    private record Loaded(String month, ReportRepository.StoredReport stored, DoubleTenRanking.Report report) {}

    /** The report as this user may see it, with the read audited. */
    private Loaded load(String month, Authentication user, String format) {
        YearMonth m = month(month);
        DoubleTenReports.View view = reports.read(m, user, format)
                .orElseThrow(() -> new ApiException(
                        HttpStatus.NOT_FOUND,
                        "report-not-found",
                        "month",
                        "no double-ten report for " + m + " yet; run POST /api/v1/jobs/double-ten/run"));
        return new Loaded(m.toString(), view.stored(), view.report());
    }

    private String watermark(Authentication user) {
        return "清风 内部资料 注意保密 · 导出人 " + user.getName() + " · "
                + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                        .format(clock.instant().atZone(zone));
    }

    private static YearMonth month(String month) {
        if (month == null || month.isBlank()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "month-required", "month", "month=YYYY-MM is required");
        }
        try {
            return YearMonth.parse(month.trim());
        } catch (DateTimeParseException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid-month", "month", "'" + month + "' is not YYYY-MM");
        }
    }

    private static ResponseEntity<byte[]> file(byte[] body, String type, String name) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(type))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(name).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(body);
    }
}
