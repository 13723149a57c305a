package org.qingfeng.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.qingfeng.app.support.MllpTestClient.ackCode;
import static org.qingfeng.app.support.MllpTestClient.send;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qingfeng.app.QingfengApplication;
import org.qingfeng.app.persistence.InboundMessageRepository;
import org.qingfeng.app.support.FreePorts;
import org.qingfeng.app.support.Hl7Messages;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** Every acknowledged message survives a stop and start of the application, exactly once (H2 file database). */
class DurabilityIT {

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start(int mllpPort) {
        String url = "jdbc:h2:file:" + dataDir.resolve("qingfeng")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";
        return new SpringApplication(QingfengApplication.class)
                .run(
                        "--spring.datasource.url=" + url,
                        "--server.port=0",
                        "--qingfeng.ingest.journal-dir=" + dataDir.resolve("journal"),
                        "--qingfeng.mllp.feeds[0].port=" + mllpPort,
                        "--qingfeng.mllp.feeds[0].bind-address=127.0.0.1");
    }

    @Test
    void acknowledgedMessagesAreThereExactlyOnceAfterARestart() throws Exception {
        int port = FreePorts.next();
        List<String> acknowledged = new ArrayList<>();
        try (ConfigurableApplicationContext app = start(port)) {
            for (int i = 0; i < 50; i++) {
                String id = Hl7Messages.controlId();
                if (ackCode(send(port, Hl7Messages.longRde(id))).equals("AA")) {
                    acknowledged.add(id);
                }
            }
        }
        assertThat(acknowledged).hasSize(50);
        assertThat(Files.list(dataDir)).isNotEmpty();

        try (ConfigurableApplicationContext app = start(port)) {
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            for (String id : acknowledged) {
                assertThat(jdbc.queryForObject(
                                "SELECT COUNT(*) FROM inbound_message WHERE control_id = ?", Integer.class, id))
                        .isEqualTo(1);
                assertThat(jdbc.queryForObject(
                                "SELECT COUNT(*) FROM rx_line WHERE prescription_no = ?", Integer.class, "RX" + id))
                        .isEqualTo(1);
            }
            // a sender that never saw its ACK resends after the restart: acknowledged again, not stored twice
            String resent = acknowledged.get(49);
            assertThat(ackCode(send(port, Hl7Messages.longRde(resent)))).isEqualTo("AA");
            assertThat(jdbc.queryForObject(
                            "SELECT COUNT(*) FROM inbound_message WHERE control_id = ?", Integer.class, resent))
                    .isEqualTo(1);
            // every stored message was (or is, right after start) evaluated: one alert per prescription, none twice
            long lastId = jdbc.queryForObject("SELECT MAX(id) FROM inbound_message", Long.class);
            InboundMessageRepository messages = app.getBean(InboundMessageRepository.class);
            await().untilAsserted(() -> assertThat(messages.evaluatedThrough()).isEqualTo(lastId));
            assertThat(jdbc.queryForObject(
                            "SELECT COUNT(*) FROM alert WHERE rule_code = 'RX_SUPPLY_DAYS_EXCEEDED'", Integer.class))
                    .isEqualTo(50);
        }
    }
}
