package org.qingfeng.app.stat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qingfeng.app.persistence.Timestamps;
import org.qingfeng.app.reference.ReferenceImportService;
import org.qingfeng.app.web.ApiException;
import org.qingfeng.monitors.finding.Finding;
import org.qingfeng.monitors.stat.DataAccessEvent;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Anti-统方 API: data-access events in (generic JSON), the approved statisticians and the account attribution
 * (CSV), and the ledger of every statistics query out (JSON or CSV).
 */
@RestController
@RequestMapping("/api/v1")
public class DataAccessController {

    static final int MAX_EVENTS = 5_000;

    private final StatisticsAccessService service;
    private final DataAccessJson events;
    private final JsonMapper json;
    private final JdbcTemplate jdbc;
    private final ReferenceImportService imports;

    public DataAccessController(
            StatisticsAccessService service,
            DataAccessJson events,
            JsonMapper json,
            JdbcTemplate jdbc,
            ReferenceImportService imports) {
        this.service = service;
        this.events = events;
        this.json = json;
        this.jdbc = jdbc;
        this.imports = imports;
    }

    /** One event object, an array of them, or JSON lines; all or nothing (a bad event names its index and field). */
    @PostMapping(
            path = "/data-access-events",
            consumes = {"application/json", "application/x-ndjson", "text/plain"})
    @PreAuthorize("hasRole('IT_ADMIN')")
    public Map<String, Object> post(@RequestBody byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        List<DataAccessEvent> parsed = new ArrayList<>();
        List<String> items = new ArrayList<>();
        if (text.startsWith("[")) {
            JsonNode array;
            try {
                array = json.readTree(text);
            } catch (RuntimeException e) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "invalid-json", "body", "the body is not JSON");
            }
            array.forEach(n -> items.add(n.toString()));
        } else {
            for (String line : text.split("\n")) {
                if (!line.isBlank()) {
                    items.add(line);
                }
            }
        }
        if (items.size() > MAX_EVENTS) {
            throw new ApiException(
                    HttpStatus.BAD_REQUEST, "too-many", "body", "at most " + MAX_EVENTS + " events per request");
        }
        for (int i = 0; i < items.size(); i++) {
            try {
                parsed.add(events.event(items.get(i), "api"));
            } catch (IllegalArgumentException e) {
                throw new ApiException(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "invalid-event",
                        "[" + i + "]",
                        "event " + i + ": " + e.getMessage());
            }
        }
        StatisticsAccessService.Outcome outcome = service.process(parsed, null);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("events", outcome.events());
        answer.put("statisticsQueries", outcome.statistics());
        answer.put("alerts", outcome.findings().stream().map(Finding::rule).toList());
        return answer;
    }

    @PutMapping(
            path = "/reference/statisticians",
            consumes = {"text/csv", "text/plain", "application/octet-stream"})
    @PreAuthorize("hasRole('DISCIPLINE')")
    public Map<String, Integer> statisticians(@RequestBody byte[] csv) {
        return Map.of("imported", imports.importStatisticians(csv));
    }

    @PutMapping(
            path = "/reference/accounts",
            consumes = {"text/csv", "text/plain", "application/octet-stream"})
    @PreAuthorize("hasRole('IT_ADMIN')")
    public Map<String, Integer> accounts(@RequestBody byte[] csv) {
        return Map.of("imported", imports.importAccounts(csv));
    }

    /** The ledger of statistics queries, newest first; {@code format=csv} downloads it. */
    @GetMapping("/statistics-ledger")
    @PreAuthorize("hasAnyRole('DISCIPLINE', 'AUDITOR')")
    public ResponseEntity<?> ledger(
            @RequestParam(required = false) String since,
            @RequestParam(required = false) String until,
            @RequestParam(required = false) String staff,
            @RequestParam(required = false) Boolean approved,
            @RequestParam(defaultValue = "200") int limit,
            @RequestParam(required = false) String format) {
        if (limit < 1 || limit > 10_000) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid-parameter", "limit", "limit must be 1-10000");
        }
        StringBuilder sql = new StringBuilder("SELECT * FROM stat_ledger WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (since != null) {
            sql.append(" AND occurred_at >= ?");
            args.add(Timestamps.of(instant(since, "since")));
        }
        if (until != null) {
            sql.append(" AND occurred_at < ?");
            args.add(Timestamps.of(instant(until, "until")));
        }
        if (staff != null) {
            sql.append(" AND staff_id = ?");
            args.add(staff);
        }
        if (approved != null) {
            sql.append(" AND approved = ?");
            args.add(approved);
        }
        sql.append(" ORDER BY occurred_at DESC, id DESC LIMIT ?");
        args.add(limit);
        List<Map<String, Object>> rows = jdbc.queryForList(sql.toString(), args.toArray());
        if ("csv".equalsIgnoreCase(format)) {
            return ResponseEntity.ok()
                    .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                    .header("Content-Disposition", "attachment; filename=\"statistics-ledger.csv\"")
                    .body(LedgerCsv.write(rows));
        }
        return ResponseEntity.ok(Map.of("items", rows));
    }

    private static Instant instant(String value, String field) {
        try {
            return Instant.parse(value);
        } catch (RuntimeException e) {
            throw new ApiException(
                    HttpStatus.BAD_REQUEST, "invalid-parameter", field, "'" + value + "' is not an ISO-8601 instant");
        }
    }
}
