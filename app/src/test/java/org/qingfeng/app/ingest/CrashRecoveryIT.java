package org.qingfeng.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.qingfeng.app.support.MllpTestClient.ackCode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qingfeng.app.support.FreePorts;
import org.qingfeng.app.support.Hl7Messages;
import org.qingfeng.connectors.tool.MllpClient;

/**
 * The built jar in its own process, killed with SIGKILL in the middle of a load: after a restart every message that
 * got AA is stored exactly once (the ingest journal is replayed into the database).
 */
class CrashRecoveryIT {

    @TempDir
    Path dir;

    private Process start(int http, int mllp) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(
                        java,
                        "-jar",
                        Path.of("target", "qingfeng.jar").toString(),
                        "--server.port=" + http,
                        "--qingfeng.mllp.feeds[0].port=" + mllp,
                        "--qingfeng.mllp.feeds[0].bind-address=127.0.0.1",
                        "--qingfeng.ingest.journal-dir=" + dir.resolve("journal"),
                        "--spring.datasource.url=" + url())
                .redirectErrorStream(true)
                .redirectOutput(Path.of("target", "crash-recovery-" + System.nanoTime() + ".log")
                        .toFile())
                .start();
        HttpClient client = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    try {
                        return client.send(
                                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http
                                                                + "/actuator/health/readiness"))
                                                        .build(),
                                                HttpResponse.BodyHandlers.discarding())
                                        .statusCode()
                                == 200;
                    } catch (java.io.IOException notYet) {
                        return false;
                    }
                });
        return p;
    }

    private String url() {
        return "jdbc:h2:file:" + dir.resolve("db")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }

    @Test
    void everyAcknowledgedMessageSurvivesSigkillExactlyOnce() throws Exception {
        int http = FreePorts.next();
        int mllp = FreePorts.next();
        Process app = start(http, mllp);
        List<String> acknowledged = new CopyOnWriteArrayList<>();
        Thread sender = new Thread(() -> {
            try (MllpClient client = new MllpClient("127.0.0.1", mllp, 10_000)) {
                for (int i = 0; i < 100_000; i++) {
                    String id = Hl7Messages.controlId();
                    byte[] ack = client.send(Hl7Messages.longRde(id).getBytes(StandardCharsets.UTF_8));
                    if (ackCode(new String(ack, StandardCharsets.UTF_8)).equals("AA")) {
                        acknowledged.add(id);
                    }
                }
            } catch (java.io.IOException killed) {
                // the server died under us: what was acknowledged before is what counts
            }
        });
        sender.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 300);
        app.destroyForcibly(); // SIGKILL: no shutdown hooks, no flushing
        assertThat(app.waitFor(30, TimeUnit.SECONDS)).isTrue();
        sender.join(30_000);
        List<String> before = List.copyOf(acknowledged);

        Process again = start(http, mllp);
        again.destroy(); // SIGTERM: graceful, releases the database file
        assertThat(again.waitFor(60, TimeUnit.SECONDS)).isTrue();

        try (Connection c = DriverManager.getConnection(url(), "sa", "");
                PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM inbound_message WHERE control_id = ?")) {
            for (String id : before) {
                q.setString(1, id);
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("acknowledged message %s", id).isEqualTo(1);
                }
            }
        }
    }
}
