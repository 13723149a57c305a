package org.qingfeng.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.qingfeng.app.support.MllpTestClient.ackCode;
import static org.qingfeng.app.support.MllpTestClient.send;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qingfeng.app.QingfengApplication;
import org.qingfeng.app.support.FreePorts;
import org.qingfeng.app.support.Hl7Messages;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The database goes away under load and comes back: meanwhile messages are answered AE (the sender keeps them),
 * readiness is DOWN; afterwards ingestion and readiness recover by themselves. The database is an H2 server over TCP
 * in its own process that the test stops and starts again.
 */
class DatabaseOutageIT {

    @TempDir
    Path dir;

    /** The H2 server in its own process, as a database server would be: stopping it drops every connection. */
    private Process database(int port) throws Exception {
        String h2 = Path.of(org.h2.Driver.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .toString();
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        h2,
                        "org.h2.tools.Server",
                        "-tcp",
                        "-tcpPort",
                        Integer.toString(port),
                        "-baseDir",
                        dir.resolve("db").toString(),
                        "-ifNotExists")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("h2-" + System.nanoTime() + ".log").toFile())
                .start();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return true;
            } catch (java.io.IOException notYet) {
                return false;
            }
        });
        return p;
    }

    /** SIGTERM: the server closes its database cleanly (committed data stays, as on any real database server). */
    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        p.waitFor();
    }

    private int readiness(int http) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/actuator/health/readiness"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    void ingestionAnswersAeWhileTheDatabaseIsDownAndRecovers() throws Exception {
        int dbPort = FreePorts.next();
        int mllp = FreePorts.next();
        int http = FreePorts.next();
        Process db = database(dbPort);
        String url = "jdbc:h2:tcp://127.0.0.1:" + dbPort
                + "/./qingfeng;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        List<String> accepted = new ArrayList<>();
        try (ConfigurableApplicationContext app = new SpringApplication(QingfengApplication.class)
                .run(
                        "--spring.datasource.url=" + url,
                        "--spring.datasource.hikari.connection-timeout=1000",
                        "--spring.datasource.hikari.validation-timeout=500",
                        "--server.port=" + http,
                        "--qingfeng.ingest.journal-dir=" + dir.resolve("journal"),
                        "--qingfeng.mllp.feeds[0].port=" + mllp,
                        "--qingfeng.mllp.feeds[0].bind-address=127.0.0.1")) {
            String first = Hl7Messages.controlId();
            assertThat(ackCode(send(mllp, Hl7Messages.longRde(first)))).isEqualTo("AA");
            accepted.add(first);
            assertThat(readiness(http)).isEqualTo(200);

            stop(db);
            assertThat(ackCode(send(mllp, Hl7Messages.compliantRde(Hl7Messages.controlId()))))
                    .isEqualTo("AE");
            await().atMost(Duration.ofSeconds(30)).until(() -> readiness(http) == 503);

            db = database(dbPort);
            await().atMost(Duration.ofSeconds(60)).until(() -> readiness(http) == 200);
            String after = Hl7Messages.controlId();
            await().atMost(Duration.ofSeconds(30))
                    .until(() ->
                            ackCode(send(mllp, Hl7Messages.compliantRde(after))).equals("AA"));
            accepted.add(after);

            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            for (String id : accepted) {
                await().until(() -> jdbc.queryForObject(
                                "SELECT COUNT(*) FROM inbound_message WHERE control_id = ?", Integer.class, id)
                        == 1);
            }
            // the alert of the message acknowledged just before the outage is raised once the database is back
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> jdbc.queryForObject(
                                    "SELECT COUNT(*) FROM alert WHERE scope = ?",
                                    Integer.class,
                                    "RX:QF-HOSP:RX" + first)
                            == 1);
        } finally {
            stop(db);
        }
    }
}
