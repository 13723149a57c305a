package org.qingfeng.app.stat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qingfeng.app.QingfengApplication;
import org.qingfeng.app.support.FreePorts;
import org.qingfeng.app.support.TailPosition;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A real PostgreSQL with pgaudit (Debian's packages), started by the test on loopback, logging to a file that Qingfeng
 * tails: an approved statistics query, an unapproved one, a plain lookup and a bulk extract, run through JDBC by
 * different accounts, raise exactly the expected alerts, and every statistics query is in the ledger.
 */
class PgauditIT {

    static final String PREFIX = "%m [%p] %q%u@%d %h ";

    Path dir;
    Path bin;
    Path log;
    int port;
    boolean root;

    private static Path postgresBin() throws Exception {
        try (var dirs = Files.list(Path.of("/usr/lib/postgresql"))) {
            for (Path d : dirs.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (Files.isExecutable(d.resolve("bin/initdb")) && Files.exists(d.resolve("lib/pgaudit.so"))) {
                    return d.resolve("bin");
                }
            }
        }
        throw new IllegalStateException(
                "PostgreSQL with pgaudit is needed (Debian: postgresql and postgresql-15-pgaudit; deploy/test/run-tests.sh installs them)");
    }

    private void run(String... command) throws Exception {
        List<String> cmd = new ArrayList<>();
        if (root) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.addAll(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }

    @BeforeEach
    void startPostgres() throws Exception {
        bin = postgresBin();
        root = "root".equals(System.getProperty("user.name"));
        dir = Files.createTempDirectory("qingfeng-pgaudit");
        log = dir.resolve("postgresql.log");
        port = FreePorts.next();
        if (root) {
            run0("chown", "postgres", dir.toString());
        }
        run(
                bin.resolve("initdb").toString(),
                "-D",
                dir.resolve("data").toString(),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8");
        run(
                bin.resolve("pg_ctl").toString(),
                "-D",
                dir.resolve("data").toString(),
                "-l",
                log.toString(),
                "-w",
                "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c shared_preload_libraries=pgaudit"
                        + " -c pgaudit.log=read -c pgaudit.log_rows=on -c log_timezone=UTC"
                        + " -c log_line_prefix='" + PREFIX + "'",
                "start");
        try (Connection c = connect("postgres");
                Statement s = c.createStatement()) {
            s.execute("CREATE ROLE stat_ok LOGIN");
            s.execute("CREATE ROLE rogue LOGIN");
            s.execute("CREATE TABLE prescription_line (id serial PRIMARY KEY, patient_id text, doctor_id text,"
                    + " drug_code text, qty int)");
            s.execute("INSERT INTO prescription_line (patient_id, doctor_id, drug_code, qty)"
                    + " SELECT 'P' || (g % 300), 'D000' || (g % 9 + 1), 'Y' || lpad((g % 1200)::text, 5, '0'), g % 7 + 1"
                    + " FROM generate_series(1, 3000) g");
            s.execute("GRANT SELECT ON prescription_line TO stat_ok, rogue");
        }
    }

    private static void run0(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        p.waitFor(30, TimeUnit.SECONDS);
    }

    private Connection connect(String user) throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", user, "");
    }

    private int query(String user, String sql) throws Exception {
        try (Connection c = connect(user);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            int n = 0;
            while (rs.next()) {
                n++;
            }
            return n;
        }
    }

    @AfterEach
    void stopPostgres() throws Exception {
        run(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "stop");
    }

    private HttpResponse<String> put(int http, String path, String csv) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + path))
                                .header(
                                        "Authorization",
                                        "Basic "
                                                + Base64.getEncoder()
                                                        .encodeToString("admin:admin-test-password".getBytes()))
                                .header("Content-Type", "text/csv")
                                .PUT(HttpRequest.BodyPublishers.ofString(csv))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theTailerReadsTheRealLogAndExactlyTheExpectedAlertsAreRaised() throws Exception {
        int http = FreePorts.next();
        try (ConfigurableApplicationContext app = new SpringApplication(QingfengApplication.class)
                .run(
                        "--spring.datasource.url=jdbc:h2:mem:pgaudit;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
                        "--server.port=" + http,
                        "--QINGFENG_ADMIN_PASSWORD=admin-test-password",
                        "--qingfeng.ingest.journal-dir=" + dir.resolve("journal"),
                        "--qingfeng.mllp.feeds[0].port=" + FreePorts.next(),
                        "--qingfeng.mllp.feeds[0].bind-address=127.0.0.1",
                        "--qingfeng.data-access.files[0].path=" + log,
                        "--qingfeng.data-access.files[0].format=pgaudit",
                        "--qingfeng.data-access.files[0].line-prefix=" + PREFIX,
                        // the run may fall on a night or a weekend, and the roster registers other terminals
                        "--qingfeng.rules.STAT_OFF_HOURS.enabled=false",
                        "--qingfeng.rules.STAT_UNKNOWN_TERMINAL.enabled=false")) {
            LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
            assertThat(put(
                                    http,
                                    "/api/v1/reference/accounts",
                                    "account,kind,staff_id,shared\nstat_ok,DB,D0001,false\nrogue,DB,D0002,false\n")
                            .statusCode())
                    .isEqualTo(200);
            assertThat(put(
                                    http,
                                    "/api/v1/reference/statisticians",
                                    "staff_id,scope,valid_from,valid_to,approved_by,ticket\nD0001,ALL,"
                                            + today.minusDays(1) + "," + today.plusDays(1) + ",disc,T-2026-11-001\n")
                            .statusCode())
                    .isEqualTo(200);

            // approved statistics query; unapproved statistics query; a plain per-patient lookup; a bulk extract
            assertThat(query("stat_ok", "SELECT doctor_id, SUM(qty) FROM prescription_line GROUP BY doctor_id"))
                    .isEqualTo(9);
            assertThat(query("rogue", "SELECT doctor_id, SUM(qty)\n  FROM prescription_line\n GROUP BY doctor_id"))
                    .isEqualTo(9);
            assertThat(query("rogue", "SELECT * FROM prescription_line WHERE patient_id = 'P1'"))
                    .isEqualTo(10);
            assertThat(query("stat_ok", "SELECT drug_code, COUNT(*) FROM prescription_line GROUP BY drug_code"))
                    .isEqualTo(1200);

            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM stat_ledger", Integer.class) == 3);
            // everything PostgreSQL logged for these queries is read and committed (alerts with the position)
            long end = Files.size(log);
            await().atMost(Duration.ofSeconds(30)).until(() -> TailPosition.of(jdbc, log) >= end);
            List<String> alerts = jdbc.queryForList(
                    "SELECT rule_code || ':' || subject_id FROM alert WHERE rule_code LIKE 'STAT_%' ORDER BY rule_code",
                    String.class);
            assertThat(alerts).containsExactly("STAT_BULK_EXTRACT:D0001", "STAT_UNAUTHORIZED_QUERY:D0002");
            String evidence = jdbc.queryForObject(
                    "SELECT evidence FROM alert WHERE rule_code = 'STAT_UNAUTHORIZED_QUERY'", String.class);
            assertThat(evidence)
                    .contains("GROUP BY doctor_id")
                    .contains("rogue")
                    .contains("D0002 is not an approved statistician");
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM stat_ledger WHERE approved", Integer.class))
                    .isEqualTo(2);
            assertThat(jdbc.queryForObject(
                            "SELECT row_count FROM stat_ledger WHERE rules_raised = 'STAT_BULK_EXTRACT'", Long.class))
                    .isEqualTo(1200L);
            assertThat(jdbc.queryForObject(
                            "SELECT COUNT(*) FROM stat_ledger WHERE client_ip = '127.0.0.1'", Integer.class))
                    .isEqualTo(3);
        }
    }
}
