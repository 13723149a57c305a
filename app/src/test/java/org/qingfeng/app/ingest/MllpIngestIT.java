package org.qingfeng.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.qingfeng.app.support.MllpTestClient.ackCode;
import static org.qingfeng.app.support.MllpTestClient.segment;
import static org.qingfeng.app.support.MllpTestClient.send;

import ca.uhn.hl7v2.model.Message;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.qingfeng.app.persistence.MessageWriter;
import org.qingfeng.app.reference.ReferenceCache;
import org.qingfeng.app.support.Hl7Messages;
import org.qingfeng.app.support.QingfengIT;
import org.qingfeng.connectors.hl7.Hl7Codec;
import org.qingfeng.connectors.hl7.Hl7PrescriptionMapper;
import org.qingfeng.connectors.hl7.InboundMessage;
import org.qingfeng.connectors.hl7.MappedMessage;
import org.qingfeng.connectors.privacy.PatientPseudonymizer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** The acknowledgement policy of interfaces.md §1 over real MLLP sockets. */
class MllpIngestIT extends QingfengIT {

    @Test
    void validRdeIsAcceptedAndStored() throws Exception {
        String id = Hl7Messages.controlId();
        String ack = send(MLLP_PORT, Hl7Messages.compliantRde(id));

        assertThat(ackCode(ack)).isEqualTo("AA");
        assertThat(segment(ack, "MSA")).isEqualTo("MSA|AA|" + id);
        assertThat(segment(ack, "MSH")).contains("|ACK^O11");
        awaitStored(id);
        assertThat(count("SELECT COUNT(*) FROM rx_line WHERE prescription_no = ?", "RX" + id))
                .isEqualTo(1);
        String patientKey = jdbc.queryForObject(
                "SELECT patient_key FROM rx_line WHERE prescription_no = ?", String.class, "RX" + id);
        assertThat(patientKey).startsWith("P").doesNotContain("MRN");
        assertThat(jdbc.queryForObject(
                        "SELECT department_name FROM rx_line WHERE prescription_no = ?", String.class, "RX" + id))
                .isEqualTo("心血管内科"); // ORC-17
    }

    @Test
    void unsupportedMessageTypeIsRejected() throws Exception {
        String id = Hl7Messages.controlId();
        String adt = "MSH|^~\\&|HIS|QF-HOSP|QINGFENG|QF|20261120093000||ADT^A01^ADT_A01|" + id + "|P|2.5\r"
                + "EVN|A01|20261120093000\rPID|||MRN1^^^QF-HOSP^MR||李^四\rPV1||I|W1\r";
        String ack = send(MLLP_PORT, adt);

        assertThat(ackCode(ack)).isEqualTo("AR");
        assertThat(segment(ack, "ERR")).contains("MSH^1^9").contains("ADT\\S\\A01"); // ^ escaped as HL7 requires
        assertThat(count("SELECT COUNT(*) FROM dead_letter WHERE control_id = ? AND ack_code = 'AR'", id))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM inbound_message WHERE control_id = ?", id))
                .isZero();
    }

    @Test
    void unsupportedVersionIsRejected() throws Exception {
        String id = Hl7Messages.controlId();
        String ack = send(MLLP_PORT, Hl7Messages.compliantRde(id).replace("|P|2.5\r", "|P|2.1\r"));
        assertThat(ackCode(ack)).isEqualTo("AR");
        assertThat(segment(ack, "ERR")).contains("MSH^1^12");
    }

    @Test
    void missingOrderingProviderIsAnApplicationErrorKeptAsDeadLetter() throws Exception {
        String id = Hl7Messages.controlId();
        String ack = send(
                MLLP_PORT,
                Hl7Messages.rde(id, "2.5", "", Hl7Messages.line(id + "-1", "Y00061^氨氯地平片", "14", "BID", "7")));

        assertThat(ackCode(ack)).isEqualTo("AE");
        assertThat(segment(ack, "ERR")).contains("ORC^1^12").contains("ordering provider");
        assertThat(count(
                        "SELECT COUNT(*) FROM dead_letter WHERE control_id = ? AND ack_code = 'AE' AND error_location = 'ORC^1^12'",
                        id))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM inbound_message WHERE control_id = ?", id))
                .isZero();
    }

    @Test
    void unknownDrugCodeIsAnApplicationError() throws Exception {
        String id = Hl7Messages.controlId();
        String ack = send(
                MLLP_PORT,
                Hl7Messages.rde(id, "2.5", "D0001^赵^丽", Hl7Messages.line(id + "-1", "NOPE^未知药品", "14", "BID", "7")));
        assertThat(ackCode(ack)).isEqualTo("AE");
        assertThat(segment(ack, "ERR")).contains("RXE^1^2").contains("not in the drug catalog");
    }

    @Test
    void repeatedControlIdIsAcknowledgedTwiceButStoredOnce() throws Exception {
        String id = Hl7Messages.controlId();
        String message = Hl7Messages.compliantRde(id);
        assertThat(ackCode(send(MLLP_PORT, message))).isEqualTo("AA");
        assertThat(ackCode(send(MLLP_PORT, message))).isEqualTo("AA");
        awaitStored(id);
        // counted whether the repeat arrived before or after the first reached the database
        await().until(() -> count("SELECT duplicates FROM inbound_message WHERE control_id = ?", id) == 1);
        assertThat(ackCode(send(MLLP_PORT, message))).isEqualTo("AA");
        await().until(() -> count("SELECT duplicates FROM inbound_message WHERE control_id = ?", id) == 2);
        assertThat(count("SELECT COUNT(*) FROM inbound_message WHERE control_id = ?", id))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM rx_line WHERE prescription_no = ?", "RX" + id))
                .isEqualTo(1);
    }

    @Test
    void gb18030MessageWithChineseNamesRoundTrips() throws Exception {
        String id = Hl7Messages.controlId();
        String message = Hl7Messages.compliantRde(id).replace("|P|2.5\r", "|P|2.5|||AL|NE||GB 18030-2000\r");
        Charset gb = Charset.forName("GB18030");
        String ack = send(MLLP_PORT, message.getBytes(gb), gb);

        assertThat(ackCode(ack)).isEqualTo("AA");
        awaitStored(id);
        assertThat(jdbc.queryForObject(
                        "SELECT item_name FROM rx_line WHERE prescription_no = ?", String.class, "RX" + id))
                .isEqualTo("氨氯地平片");
        assertThat(jdbc.queryForObject(
                        "SELECT prescriber_name FROM rx_line WHERE prescription_no = ?", String.class, "RX" + id))
                .isEqualTo("赵丽");
        byte[] raw = jdbc.queryForObject("SELECT raw FROM inbound_message WHERE control_id = ?", byte[].class, id);
        assertThat(raw).isEqualTo(message.getBytes(gb));
    }

    @Test
    void eightConnectionsAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<String> ids = new ArrayList<>();
        List<Future<List<String>>> results = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            List<String> mine = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                mine.add(Hl7Messages.controlId());
            }
            ids.addAll(mine);
            Callable<List<String>> job = () -> {
                List<String> codes = new ArrayList<>();
                try (var client = new org.qingfeng.connectors.tool.MllpClient("127.0.0.1", MLLP_PORT, 15_000)) {
                    for (String id : mine) {
                        codes.add(ackCode(new String(
                                client.send(Hl7Messages.compliantRde(id).getBytes("UTF-8")), "UTF-8")));
                    }
                }
                return codes;
            };
            results.add(pool.submit(job));
        }
        for (Future<List<String>> r : results) {
            assertThat(r.get()).hasSize(10).containsOnly("AA");
        }
        pool.shutdown();
        for (String id : ids) {
            awaitStored(id);
        }
    }

    @Test
    void cancelMarksTheOrderCancelled() throws Exception {
        String id = Hl7Messages.controlId();
        assertThat(ackCode(send(MLLP_PORT, Hl7Messages.compliantRde(id)))).isEqualTo("AA");
        awaitStored(id);
        String cancel = Hl7Messages.compliantRde(id)
                .replace("|" + id + "|P|", "|" + id + "C|P|")
                .replace("ORC|NW|", "ORC|CA|");
        assertThat(ackCode(send(MLLP_PORT, cancel))).isEqualTo("AA");
        await().until(() -> "CANCELLED"
                .equals(jdbc.queryForObject(
                        "SELECT status FROM rx_line WHERE placer_order_no = ?", String.class, id + "-1")));
    }

    @Test
    void violatingPrescriptionRaisesAnAlertWithEvidence() throws Exception {
        String id = Hl7Messages.controlId();
        assertThat(ackCode(send(MLLP_PORT, Hl7Messages.longRde(id)))).isEqualTo("AA");

        JsonNode alert = await().atMost(Duration.ofSeconds(10))
                .until(() -> findAlert("RX_SUPPLY_DAYS_EXCEEDED", "RX" + id), a -> a != null);
        assertThat(alert.path("severity").asString()).isEqualTo("MEDIUM");
        assertThat(alert.path("inbox").asString()).isEqualTo("PHARMACY");
        assertThat(alert.path("subject").path("type").asString()).isEqualTo("STAFF");
        assertThat(alert.path("subject").path("id").asString()).isEqualTo("D0001");
        assertThat(alert.path("justified").asBoolean()).isFalse();
        assertThat(alert.path("evidence").path("limit").asInt()).isEqualTo(7);
        assertThat(alert.path("evidence").path("actual").decimalValue()).isEqualByComparingTo("14");
        assertThat(alert.path("evidence").path("lines").get(0).path("itemCode").asString())
                .isEqualTo("Y00061");
    }

    @Test
    void justificationNoteMarksTheAlertJustified() throws Exception {
        String id = Hl7Messages.controlId();
        String message = Hl7Messages.longRde(id) + "NTE|1||出差两个月，家属代取|JUST\r";
        assertThat(ackCode(send(MLLP_PORT, message))).isEqualTo("AA");
        JsonNode alert = await().atMost(Duration.ofSeconds(10))
                .until(() -> findAlert("RX_SUPPLY_DAYS_EXCEEDED", "RX" + id), a -> a != null);
        assertThat(alert.path("justified").asBoolean()).isTrue();
        assertThat(alert.path("evidence").path("justifications").get(0).asString())
                .isEqualTo("出差两个月，家属代取");
    }

    private JsonNode findAlert(String rule, String prescriptionNo) throws Exception {
        JsonNode items = adminGet("/api/v1/alerts?rule=" + rule + "&subject=D0001&limit=500")
                .path("items");
        for (JsonNode item : items) {
            if (item.path("evidence")
                    .path("prescription")
                    .path("number")
                    .asString()
                    .equals(prescriptionNo)) {
                return item;
            }
        }
        return null;
    }

    @Autowired
    ReferenceCache reference;

    @Autowired
    PatientPseudonymizer pseudonymizer;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    org.qingfeng.app.persistence.UsageRollups rollups;

    /**
     * A message that reached the database but whose hand-over to rule evaluation was lost (the database committed,
     * then the connection dropped before the commit was confirmed, so the writer's retry found it already stored) is
     * evaluated all the same: evaluation works from the database, not from what was handed over.
     */
    @Test
    void aStoredMessageWhoseHandOverWasLostIsEvaluatedAnyway() throws Exception {
        String id = Hl7Messages.controlId();
        Message parsed = new Hl7Codec().parse(Hl7Messages.longRde(id));
        MappedMessage mapped = new Hl7PrescriptionMapper(reference, pseudonymizer, ZoneId.of("Asia/Shanghai"))
                .map(parsed, Hl7Codec.header(parsed))
                .message();
        byte[] raw = Hl7Messages.longRde(id).getBytes(StandardCharsets.UTF_8);
        tx.executeWithoutResult(status -> new MessageWriter(jdbc, json, rollups)
                .write(List.of(new InboundMessage("main", raw, "UTF-8", Instant.now(), mapped, null))));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> count("SELECT COUNT(*) FROM alert WHERE scope = ?", "RX:QF-HOSP:RX" + id) == 1);
    }
}
