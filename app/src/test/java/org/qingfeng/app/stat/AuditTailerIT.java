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
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qingfeng.app.QingfengApplication;
import org.qingfeng.app.support.FreePorts;
import org.qingfeng.app.support.TailPosition;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The tailer on a JSON-lines audit log: appends, a rotation while running, a stop, a rotation while stopped, and a
 * malformed line; every statistics query is in the ledger exactly once, the bad line is a dead letter, the rest goes on.
 */
class AuditTailerIT {

    @TempDir
    Path dir;

    private static String line(int i, String sql) {
        return "{\"time\":\"" + Instant.parse("2026-11-24T02:00:00Z").plusSeconds(i) + "\",\"dbUser\":\"report\","
                + "\"clientIp\":\"10.1.9.9\",\"statement\":\"" + sql + "\",\"rows\":5}\n";
    }

    private static String statistics(int i) {
        return line(i, "SELECT doctor_id, SUM(qty) FROM prescription_line WHERE batch = " + i + " GROUP BY doctor_id");
    }

    private static void append(Path file, String text) throws Exception {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private ConfigurableApplicationContext start(Path log) {
        return new SpringApplication(QingfengApplication.class)
                .run(
                        "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("db")
                                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                        "--server.port=" + FreePorts.next(),
                        "--qingfeng.ingest.journal-dir=" + dir.resolve("journal"),
                        "--qingfeng.mllp.feeds[0].port=" + FreePorts.next(),
                        "--qingfeng.mllp.feeds[0].bind-address=127.0.0.1",
                        "--qingfeng.data-access.files[0].path=" + log,
                        "--qingfeng.data-access.files[0].format=json-lines");
    }

    private static int ledger(ConfigurableApplicationContext app) {
        return app.getBean(JdbcTemplate.class).queryForObject("SELECT COUNT(*) FROM stat_ledger", Integer.class);
    }

    @Test
    void rotationAndRestartLoseAndDuplicateNothing() throws Exception {
        Path log = dir.resolve("audit.log");
        for (int i = 0; i < 10; i++) {
            append(log, statistics(i));
            append(log, line(1000 + i, "SELECT * FROM prescription_line WHERE patient_id = 'P" + i + "'"));
        }
        try (ConfigurableApplicationContext app = start(log)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> ledger(app) == 10);
            append(log, "this is not json\n");
            append(log, statistics(10));
            // rotated while running: the old file gets two more lines after the rename, then a new file starts
            Files.move(log, dir.resolve("audit.log.1"));
            append(dir.resolve("audit.log.1"), statistics(11) + statistics(12));
            append(log, statistics(13));
            await().atMost(Duration.ofSeconds(20)).until(() -> ledger(app) == 14);
            assertThat(app.getBean(JdbcTemplate.class)
                            .queryForObject(
                                    "SELECT COUNT(*) FROM dead_letter WHERE channel = 'AUDIT' AND reason LIKE 'not JSON%'",
                                    Integer.class))
                    .isEqualTo(1);
        }
        // written while stopped, then rotated while stopped
        append(log, statistics(14));
        Files.move(log, dir.resolve("audit.log.1"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        append(log, statistics(15) + statistics(16));
        try (ConfigurableApplicationContext app = start(log)) {
            long end = Files.size(log);
            // read to the end of the new file (after finishing the rotated one): nothing left to count twice
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> TailPosition.of(app.getBean(JdbcTemplate.class), log) == end);
            assertThat(ledger(app)).isEqualTo(17);
            assertThat(app.getBean(JdbcTemplate.class)
                            .queryForObject("SELECT COUNT(DISTINCT statement) FROM stat_ledger", Integer.class))
                    .isEqualTo(17);
        }
    }

    @Test
    void genericJsonEventsOverTheApi() throws Exception {
        int http = FreePorts.next();
        try (ConfigurableApplicationContext app = new SpringApplication(QingfengApplication.class)
                .run(
                        "--spring.datasource.url=jdbc:h2:mem:events;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
                        "--server.port=" + http,
                        "--QINGFENG_ADMIN_PASSWORD=admin-test-password",
                        "--qingfeng.ingest.journal-dir=" + dir.resolve("journal2"),
                        "--qingfeng.mllp.feeds[0].port=" + FreePorts.next(),
                        "--qingfeng.mllp.feeds[0].bind-address=127.0.0.1")) {
            String auth = "Basic " + Base64.getEncoder().encodeToString("admin:admin-test-password".getBytes());
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> ok = client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/api/v1/data-access-events"))
                            .header("Authorization", auth)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "[" + statistics(1).strip() + ","
                                            + line(2, "SELECT * FROM prescription_line WHERE id = 1")
                                                    .strip() + "]"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).contains("\"statisticsQueries\":1").contains("STAT_UNAUTHORIZED_QUERY");
            HttpResponse<String> bad = client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/api/v1/data-access-events"))
                            .header("Authorization", auth)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"time\":\"yesterday\",\"dbUser\":\"x\",\"statement\":\"SELECT 1\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(bad.statusCode()).isEqualTo(422);
            assertThat(bad.body()).contains("'time'").contains("[0]");
            HttpResponse<String> csv = client.send(
                    HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + http + "/api/v1/statistics-ledger?format=csv"))
                            .header("Authorization", auth)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(csv.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).contains("text/csv"));
            assertThat(csv.body())
                    .contains("occurred_at")
                    .contains("GROUP BY doctor_id")
                    .contains("report");
        }
    }

    @Test
    void mysqlEnterpriseAuditJsonAndMariadbServerAudit() throws Exception {
        Path mysql = dir.resolve("audit.json");
        Path mariadb = dir.resolve("server_audit.log");
        append(mysql, """
                [
                { "timestamp": "2026-11-24 10:00:01", "id": 0, "class": "audit", "event": "startup",
                  "connection_id": 0, "startup_data": { "server_id": 1 } },
                {
                  "timestamp": "2026-11-24 10:00:02",
                  "id": 1,
                  "class": "general",
                  "event": "status",
                  "connection_id": 11,
                  "account": { "user": "report", "host": "localhost" },
                  "login": { "user": "report", "os": "", "ip": "10.1.7.7", "proxy": "" },
                  "general_data": { "command": "Query", "sql_command": "select",
                    "query": "SELECT doctor_id, SUM(qty) FROM prescription_line GROUP BY doctor_id", "status": 0 },
                  "query_statistics": { "rows_sent": 12 }
                },
                { "timestamp": "yesterday", "id": 2, "class": "general", "general_data": { "query": "SELECT 1" } },
                { "timestamp": "2026-11-24 10:00:04", "id": 3, "class": "general", "event": "status",
                  "account": { "user": "report", "host": "10.1.7.7" },
                  "general_data": { "command": "Query", "query": "SELECT * FROM prescription_line WHERE id = 5" } },
                { "timestamp": "2026-11-24 10:00:05", "id": 4, "class": "general", "event": "status",
                  "account": { "user": "report", "host": "10.1.7.7" },
                  "general_data": { "command": "Query", "query": "SELECT drug_code, COUNT(*) FROM prescription_line WHERE note = '{not a brace}' GROUP BY drug_code" } },
                """);
        append(
                mariadb,
                "20261124 10:01:00,dbhost,alice,10.1.8.8,12,34,CONNECT,his,,0\n"
                        + "20261124 10:01:01,dbhost,alice,10.1.8.8,12,35,QUERY,his,'SELECT YSDM, SUM(SL) FROM MZ_CFMX WHERE BZ = \\'x, y\\' GROUP BY YSDM',0\n"
                        + "not a server_audit line\n"
                        + "20261124 10:01:02,dbhost,alice,10.1.8.8,12,36,QUERY,his,'SELECT * FROM MZ_CFMX WHERE CFH = \\'1\\'',0\n");
        try (ConfigurableApplicationContext app = new SpringApplication(QingfengApplication.class)
                .run(
                        "--spring.datasource.url=jdbc:h2:mem:formats;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
                        "--server.port=" + FreePorts.next(),
                        "--qingfeng.ingest.journal-dir=" + dir.resolve("journal3"),
                        "--qingfeng.mllp.feeds[0].port=" + FreePorts.next(),
                        "--qingfeng.mllp.feeds[0].bind-address=127.0.0.1",
                        "--qingfeng.data-access.files[0].path=" + mysql,
                        "--qingfeng.data-access.files[0].format=mysql-audit-json",
                        "--qingfeng.data-access.files[1].path=" + mariadb,
                        "--qingfeng.data-access.files[1].format=mariadb-audit")) {
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> ledger(app) == 3);
            assertThat(jdbc.queryForList(
                            "SELECT source || ':' || db_user || ':' || client_ip FROM stat_ledger ORDER BY occurred_at",
                            String.class))
                    .containsExactly(
                            "mysql-audit-json:report:10.1.7.7",
                            "mysql-audit-json:report:10.1.7.7",
                            "mariadb-audit:alice:10.1.8.8");
            assertThat(jdbc.queryForObject(
                            "SELECT row_count FROM stat_ledger WHERE statement LIKE '%GROUP BY doctor_id%'",
                            Long.class))
                    .isEqualTo(12L);
            assertThat(jdbc.queryForList(
                            "SELECT reason FROM dead_letter WHERE channel = 'AUDIT' ORDER BY id", String.class))
                    .containsExactlyInAnyOrder(
                            "'timestamp' is not yyyy-MM-dd HH:mm:ss", "expected 10 comma-separated fields");
        }
    }

    @Test
    void aTicketApprovedByASecondPersonCoversTheQueries() throws Exception {
        int http = FreePorts.next();
        try (ConfigurableApplicationContext app = new SpringApplication(QingfengApplication.class)
                .run(
                        "--spring.datasource.url=jdbc:h2:mem:approvals;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
                        "--server.port=" + http,
                        "--QINGFENG_ADMIN_PASSWORD=admin-test-password",
                        "--qingfeng.ingest.journal-dir=" + dir.resolve("journal4"),
                        "--qingfeng.mllp.feeds[0].port=" + FreePorts.next(),
                        "--qingfeng.mllp.feeds[0].bind-address=127.0.0.1",
                        "--qingfeng.rules.STAT_OFF_HOURS.enabled=false",
                        "--qingfeng.rules.STAT_UNKNOWN_TERMINAL.enabled=false")) {
            HttpClient client = HttpClient.newHttpClient();
            String admin = "admin:admin-test-password";
            String base = "http://127.0.0.1:" + http;
            assertThat(send(
                                    client,
                                    "PUT",
                                    base + "/api/v1/users/disc2",
                                    admin,
                                    "{\"password\":\"disc2-password\",\"roles\":[\"DISCIPLINE\"],\"displayName\":\"纪检二\"}")
                            .statusCode())
                    .isEqualTo(200);
            assertThat(send(
                                    client,
                                    "PUT",
                                    base + "/api/v1/reference/accounts",
                                    admin,
                                    "account,kind,staff_id,shared\nreport,DB,D0003,false\n",
                                    "text/csv")
                            .statusCode())
                    .isEqualTo(200);
            java.time.LocalDate today = java.time.LocalDate.parse("2026-11-24");
            HttpResponse<String> requested = send(
                    client,
                    "POST",
                    base + "/api/v1/statistics-approvals",
                    admin,
                    "{\"staffId\":\"D0003\",\"scope\":\"PRESCRIBER\",\"validFrom\":\"" + today.minusDays(1)
                            + "\",\"validTo\":\"" + today.plusDays(1) + "\",\"purpose\":\"院务会要求的科室用药分析\"}");
            assertThat(requested.statusCode()).isEqualTo(200);
            long id = Long.parseLong(requested.body().replaceAll(".*\"id\":(\\d+).*", "$1"));
            HttpResponse<String> own =
                    send(client, "POST", base + "/api/v1/statistics-approvals/" + id + "/approve", admin, "{}");
            assertThat(own.statusCode()).isEqualTo(403);
            assertThat(own.body()).contains("second person");
            HttpResponse<String> approved = send(
                    client,
                    "POST",
                    base + "/api/v1/statistics-approvals/" + id + "/approve",
                    "disc2:disc2-password",
                    "{\"note\":\"同意\"}");
            assertThat(approved.statusCode()).isEqualTo(200);
            assertThat(approved.body()).contains("APPROVED").contains("disc2");

            HttpResponse<String> events = send(
                    client,
                    "POST",
                    base + "/api/v1/data-access-events",
                    admin,
                    "[" + statistics(1).strip() + "]");
            assertThat(events.body()).contains("\"statisticsQueries\":1").contains("\"alerts\":[]");
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("SELECT ticket FROM stat_ledger", String.class))
                    .isEqualTo("QF-" + id);
            // the ticket covers the prescriber dimension only: an item ranking is not covered
            HttpResponse<String> items = send(
                    client,
                    "POST",
                    base + "/api/v1/data-access-events",
                    admin,
                    "["
                            + line(2, "SELECT drug_code, COUNT(*) FROM prescription_line GROUP BY drug_code")
                                    .strip() + "]");
            assertThat(items.body()).contains("STAT_UNAUTHORIZED_QUERY");
        }
    }

    @Test
    void syslogOverUdpAndTcpAndAWatchedFolder() throws Exception {
        int syslog = FreePorts.next();
        Path folder = Files.createDirectories(dir.resolve("drop"));
        try (ConfigurableApplicationContext app = new SpringApplication(QingfengApplication.class)
                .run(
                        "--spring.datasource.url=jdbc:h2:mem:syslog;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
                        "--server.port=" + FreePorts.next(),
                        "--qingfeng.ingest.journal-dir=" + dir.resolve("journal5"),
                        "--qingfeng.mllp.feeds[0].port=" + FreePorts.next(),
                        "--qingfeng.mllp.feeds[0].bind-address=127.0.0.1",
                        "--qingfeng.data-access.syslog.port=" + syslog,
                        "--qingfeng.data-access.syslog.bind-address=127.0.0.1",
                        "--qingfeng.data-access.folder=" + folder)) {
            // RFC 3164 over UDP, the statement split in two parts by PostgreSQL ([7-1], [7-2])
            String head = "<134>Nov 24 10:00:00 dbhost postgres[4242]: ";
            try (java.net.DatagramSocket udp = new java.net.DatagramSocket()) {
                for (String part : List.of(
                        "[7-1] 2026-11-24 02:00:00.000 UTC [4242] report@his LOG:  AUDIT: SESSION,1,1,READ,SELECT,,,\"SELECT doctor_id, SUM(qty)",
                        "[7-2] #011FROM prescription_line GROUP BY doctor_id\",<not logged>")) {
                    byte[] bytes = (head + part).getBytes(StandardCharsets.UTF_8);
                    udp.send(new java.net.DatagramPacket(
                            bytes, bytes.length, java.net.InetAddress.getLoopbackAddress(), syslog));
                }
            }
            // RFC 5424 over TCP
            try (java.net.Socket tcp = new java.net.Socket("127.0.0.1", syslog)) {
                tcp.getOutputStream()
                        .write(
                                ("<134>1 2026-11-24T02:00:01Z dbhost postgres 4243 - - [8-1] 2026-11-24 02:00:01.000 UTC [4243]"
                                                + " report@his LOG:  AUDIT: SESSION,2,1,READ,SELECT,,,\"SELECT drug_code, COUNT(*) FROM"
                                                + " prescription_line GROUP BY drug_code\",<not logged>\n")
                                        .getBytes(StandardCharsets.UTF_8));
                tcp.getOutputStream().flush();
            } // closing the connection completes the entry
            // a dropped JSON-lines file with one good and one bad line
            Files.writeString(folder.resolve(".incoming"), statistics(3) + "{\"time\":\"never\"}\n");
            Files.move(folder.resolve(".incoming"), folder.resolve("events-1.jsonl"));

            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> ledger(app) == 3);
            assertThat(jdbc.queryForList("SELECT source FROM stat_ledger ORDER BY occurred_at", String.class))
                    .containsExactly("pgaudit", "pgaudit", "folder");
            assertThat(jdbc.queryForObject(
                            "SELECT statement FROM stat_ledger WHERE statement LIKE '%doctor_id%' AND source = 'pgaudit'",
                            String.class))
                    .contains("FROM prescription_line GROUP BY doctor_id");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> Files.exists(folder.resolve("done").resolve("events-1.jsonl")));
            assertThat(jdbc.queryForObject(
                            "SELECT COUNT(*) FROM dead_letter WHERE feed_id = 'audit:events-1.jsonl'", Integer.class))
                    .isEqualTo(1);

            // the same content again (a crash between storing and moving, or the export dropped twice): only moved
            Files.writeString(folder.resolve(".incoming"), statistics(3) + "{\"time\":\"never\"}\n");
            Files.move(folder.resolve(".incoming"), folder.resolve("events-1-again.jsonl"));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> Files.exists(folder.resolve("done").resolve("events-1-again.jsonl")));
            assertThat(ledger(app)).isEqualTo(3);
            assertThat(jdbc.queryForObject(
                            "SELECT COUNT(*) FROM dead_letter WHERE feed_id LIKE 'audit:events-1%'", Integer.class))
                    .isEqualTo(1);
        }
    }

    private static HttpResponse<String> send(HttpClient client, String method, String url, String user, String body)
            throws Exception {
        return send(client, method, url, user, body, "application/json");
    }

    private static HttpResponse<String> send(
            HttpClient client, String method, String url, String user, String body, String type) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(user.getBytes()))
                        .header("Content-Type", type)
                        .method(method, HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
