package org.qingfeng.app.pattern;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.qingfeng.app.persistence.Timestamps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a pattern job and records the run in {@code job_run} (started, finished, outcome, counts), whichever node runs
 * it: a run-now caller finds its run there by request ID.
 */
public class JobRuns {

    private static final Logger log = LoggerFactory.getLogger(JobRuns.class);

    /** One recorded run. */
    public record Run(
            long id,
            String requestId,
            String job,
            String period,
            String triggeredBy,
            String node,
            Instant startedAt,
            Instant finishedAt,
            String outcome,
            Map<String, Object> counts,
            String error) {}

    private final JdbcTemplate jdbc;
    private final PatternJobService service;
    private final JsonMapper json;
    private final Clock clock;
    private final ZoneId zone;
    private final String node;

    public JobRuns(JdbcTemplate jdbc, PatternJobService service, JsonMapper json, Clock clock, ZoneId zone) {
        this.jdbc = jdbc;
        this.service = service;
        this.json = json;
        this.clock = clock;
        this.zone = zone;
        this.node = hostName();
    }

    /** The hospital's time zone, in which schedules and periods are read. */
    public ZoneId zone() {
        return zone;
    }

    public void execute(PatternJob job, String period, String requestId, String user, BooleanSupplier interrupted) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(
                con -> {
                    var ps = con.prepareStatement(
                            "INSERT INTO job_run (request_id, job_name, period, trigger_by, node, started_at, outcome)"
                                    + " VALUES (?,?,?,?,?,?,'RUNNING')",
                            new String[] {"id"});
                    ps.setString(1, requestId);
                    ps.setString(2, job.jobName());
                    ps.setString(3, period);
                    ps.setString(4, user);
                    ps.setString(5, node);
                    ps.setTimestamp(6, Timestamps.of(clock.instant()));
                    return ps;
                },
                key);
        long id = key.getKey().longValue();
        String outcome = "SUCCEEDED";
        Map<String, Object> counts = new LinkedHashMap<>();
        String error = null;
        try {
            counts = service.run(job, period, user, interrupted);
        } catch (PatternJobService.Interrupted e) {
            outcome = "INTERRUPTED";
        } catch (RuntimeException e) {
            outcome = "FAILED";
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
            log.error("Pattern job {} for {} failed", job.jobName(), period, e);
        }
        jdbc.update(
                "UPDATE job_run SET finished_at = ?, outcome = ?, counts = ?, error = ? WHERE id = ?",
                Timestamps.of(clock.instant()),
                outcome,
                json.writeValueAsString(counts),
                error == null ? null : error.substring(0, Math.min(error.length(), 2000)),
                id);
        log.info("Pattern job {} for {} {}: {}", job.jobName(), period, outcome, counts);
    }

    /** Waits for the run of a request to finish; empty when it has not within the timeout. */
    public Optional<Run> await(String requestId, Duration timeout) throws InterruptedException {
        Instant deadline = clock.instant().plus(timeout);
        long pause = 20;
        while (true) {
            Optional<Run> run = byRequest(requestId).filter(r -> r.finishedAt() != null);
            if (run.isPresent() || clock.instant().isAfter(deadline)) {
                return run;
            }
            Thread.sleep(pause); // the run may be on another node: its row is what tells us it finished
            pause = Math.min(pause * 2, 250);
        }
    }

    public Optional<Run> byRequest(String requestId) {
        return jdbc.query("SELECT * FROM job_run WHERE request_id = ?", this::run, requestId).stream()
                .findFirst();
    }

    public List<Run> recent(String job, int limit) {
        return jdbc.query("SELECT * FROM job_run WHERE job_name = ? ORDER BY id DESC LIMIT " + limit, this::run, job);
    }

    @SuppressWarnings("unchecked")
    private Run run(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        String counts = rs.getString("counts");
        return new Run(
                rs.getLong("id"),
                rs.getString("request_id"),
                rs.getString("job_name"),
                rs.getString("period"),
                rs.getString("trigger_by"),
                rs.getString("node"),
                Timestamps.instant(rs.getTimestamp("started_at")),
                Timestamps.instant(rs.getTimestamp("finished_at")),
                rs.getString("outcome"),
                counts == null ? Map.of() : json.readValue(counts, Map.class),
                rs.getString("error"));
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName() + "/"
                    + ProcessHandle.current().pid();
        } catch (UnknownHostException e) {
            return "unknown/" + ProcessHandle.current().pid();
        }
    }
}
