package org.qingfeng.app.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.qingfeng.app.QingfengApplication;
import org.qingfeng.app.security.UserAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the integration tests: the whole application on a random HTTP port and two random MLLP ports (plain, and
 * TLS with a GB18030 default), with the demo
 * catalog and roster, on H2 in memory, or on PostgreSQL when {@code qingfeng.test.db-url} is set (the postgres-it
 * Maven profile). All subclasses share one Spring context.
 */
@SpringBootTest(classes = QingfengApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class QingfengIT {

    protected static final int MLLP_PORT = FreePorts.next();
    protected static final int MLLP_TLS_PORT = FreePorts.next();
    protected static final String ADMIN_PASSWORD = "admin-test-password";
    private static final java.nio.file.Path JOURNAL_DIR = tempDir();

    private static java.nio.file.Path tempDir() {
        try {
            return java.nio.file.Files.createTempDirectory("qingfeng-it-journal");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @LocalServerPort
    protected int httpPort;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected JsonMapper json;

    @Autowired
    protected UserAccounts accounts;

    protected final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("qingfeng.mllp.feeds[0].id", () -> "main");
        registry.add("qingfeng.mllp.feeds[0].port", () -> MLLP_PORT);
        registry.add("qingfeng.mllp.feeds[0].bind-address", () -> "127.0.0.1");
        registry.add("qingfeng.mllp.feeds[1].id", () -> "secure");
        registry.add("qingfeng.mllp.feeds[1].port", () -> MLLP_TLS_PORT);
        registry.add("qingfeng.mllp.feeds[1].bind-address", () -> "127.0.0.1");
        registry.add("qingfeng.mllp.feeds[1].charset", () -> "GB18030");
        registry.add("qingfeng.mllp.feeds[1].tls.enabled", () -> "true");
        registry.add("qingfeng.mllp.feeds[1].tls.key-store", () -> TestKeys.KEY_STORE.toString());
        registry.add("qingfeng.mllp.feeds[1].tls.key-store-password", () -> TestKeys.PASSWORD);
        registry.add("QINGFENG_ADMIN_PASSWORD", () -> ADMIN_PASSWORD);
        registry.add("qingfeng.ingest.journal-dir", () -> JOURNAL_DIR.toString());
        // Quartz keeps a JVM-wide connection provider per scheduler name: the ITs that start applications of their own
        // in this JVM (with the default name) would otherwise take over, and then close, this context's provider
        registry.add("spring.quartz.scheduler-name", () -> "qingfeng-it");
        String pg = System.getProperty("qingfeng.test.db-url");
        if (pg != null && !pg.isBlank()) {
            registry.add("spring.datasource.url", () -> pg);
            registry.add("spring.datasource.username", () -> System.getProperty("qingfeng.test.db-user", "qingfeng"));
            registry.add("spring.datasource.password", () -> System.getProperty("qingfeng.test.db-password", ""));
        } else {
            registry.add(
                    "spring.datasource.url",
                    () ->
                            "jdbc:h2:mem:qingfeng-it;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        }
    }

    @BeforeEach
    void testUsers() {
        accounts.save("pharm", "pharm-password", List.of("PHARMACIST"), "药师");
        accounts.save("disc", "disc-password", List.of("DISCIPLINE"), "纪检");
        accounts.save("audit", "audit-password", List.of("AUDITOR"), "审计");
        accounts.save("it", "it-password", List.of("IT_ADMIN"), "信息");
        accounts.save("head", "head-password", List.of("DEPT_HEAD"), "科主任");
    }

    protected String url(String path) {
        return "http://127.0.0.1:" + httpPort + path;
    }

    protected HttpResponse<String> get(String path, String user, String password) throws Exception {
        return http.send(request(path, user, password).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> post(String path, String body, String user, String password) throws Exception {
        return http.send(
                request(path, user, password)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> putJson(String path, String body, String user, String password) throws Exception {
        return http.send(
                request(path, user, password)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Sends the message over MLLP, expects AA, and returns the id of the alert of that rule on its prescription. */
    protected long alertFor(String message, String controlId, String rule) throws Exception {
        String ack = org.qingfeng.app.support.MllpTestClient.send(MLLP_PORT, message);
        if (!"AA".equals(org.qingfeng.app.support.MllpTestClient.ackCode(ack))) {
            throw new AssertionError("expected AA, got " + ack);
        }
        String scope = "RX:QF-HOSP:RX" + controlId;
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> count("SELECT COUNT(*) FROM alert WHERE scope = ? AND rule_code = ?", scope, rule) == 1);
        return jdbc.queryForObject("SELECT id FROM alert WHERE scope = ? AND rule_code = ?", Long.class, scope, rule);
    }

    protected HttpResponse<String> putCsv(String path, byte[] csv, String user, String password) throws Exception {
        return http.send(
                request(path, user, password)
                        .header("Content-Type", "text/csv")
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(csv))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    protected HttpRequest.Builder request(String path, String user, String password) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)));
        if (user != null) {
            String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            b.header("Authorization", "Basic " + token);
        }
        return b;
    }

    protected JsonNode adminGet(String path) throws Exception {
        HttpResponse<String> r = get(path, "admin", ADMIN_PASSWORD);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + " → " + r.statusCode() + ": " + r.body());
        }
        return json.readTree(r.body());
    }

    /**
     * Waits until the message is in the database. An AA means the message is in the ingest journal (forced to disk);
     * the database write follows within milliseconds.
     */
    protected void awaitStored(String controlId) {
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> count("SELECT COUNT(*) FROM inbound_message WHERE control_id = ?", controlId) == 1);
    }

    protected int count(String sql, Object... args) {
        Integer n = jdbc.queryForObject(sql, Integer.class, args);
        return n == null ? 0 : n;
    }
}
