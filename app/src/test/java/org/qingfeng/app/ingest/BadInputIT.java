package org.qingfeng.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.qingfeng.app.support.MllpTestClient.ackCode;
import static org.qingfeng.app.support.MllpTestClient.send;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.qingfeng.app.support.Corpora;
import org.qingfeng.app.support.Hl7Messages;
import org.qingfeng.app.support.QingfengIT;

/** Malformed input of every kind gets an answer, is kept as a dead letter, and the listener stays up. */
class BadInputIT extends QingfengIT {

    static Stream<Arguments> malformed() {
        String valid = Hl7Messages.compliantRde("BAD-TEMPLATE");
        byte[] junk = new byte[4096];
        new Random(42).nextBytes(junk);
        String hugeField = valid.replace("PV1||O|CARD", "PV1||O|CARD|" + "X".repeat(1_048_576));
        return Stream.of(
                Arguments.of("truncated", valid.substring(0, 40).getBytes(StandardCharsets.UTF_8)),
                Arguments.of(
                        "wrong delimiters after MSH", wrongDelimiters(valid).getBytes(StandardCharsets.UTF_8)),
                Arguments.of("binary junk", junk),
                Arguments.of(
                        "missing MSH", valid.substring(valid.indexOf("PID")).getBytes(StandardCharsets.UTF_8)),
                Arguments.of(
                        "1 MB field with an unknown drug",
                        hugeField
                                .replace("BAD-TEMPLATE", "BAD-HUGE")
                                .replace("Y00061", "NOPE")
                                .getBytes(StandardCharsets.UTF_8)),
                Arguments.of("header only", "MSH|^~\\&|".getBytes(StandardCharsets.UTF_8)),
                Arguments.of(
                        "GB18030 bytes declared UTF-8",
                        valid.replace("BAD-TEMPLATE", "BAD-CHARSET")
                                .getBytes(java.nio.charset.Charset.forName("GB18030"))));
    }

    /** MSH declares '|' but the other segments use '#'. */
    private static String wrongDelimiters(String message) {
        int end = message.indexOf('\r');
        return message.substring(0, end) + message.substring(end).replace('|', '#');
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void everyMalformedMessageIsAnswered(String name, byte[] message) throws Exception {
        String ack = send(MLLP_PORT, message, StandardCharsets.UTF_8);
        assertThat(ack).startsWith("MSH|");
        assertThat(ackCode(ack)).isIn("AE", "AR");
        assertStillAccepting();
    }

    @Test
    void oneMegabyteFieldInAValidMessageIsAccepted() throws Exception {
        String id = Hl7Messages.controlId();
        String huge = Hl7Messages.compliantRde(id).replace("PV1||O|CARD", "PV1||O|CARD|" + "X".repeat(1_048_576));
        assertThat(ackCode(send(MLLP_PORT, huge))).isEqualTo("AA");
        awaitStored(id);
    }

    /**
     * Known limitation: camel-mllp 4.22 reads the received frame's MSH while sending the ACK and fails on an empty
     * frame, so it closes that connection without an answer. An empty frame carries no message to lose; the listener
     * stays up and the next connection is answered.
     */
    @Test
    void emptyFrameClosesTheConnectionAndTheListenerStaysUp() throws Exception {
        assertThatThrownBy(() -> send(MLLP_PORT, new byte[0], StandardCharsets.UTF_8))
                .isInstanceOf(java.io.IOException.class);
        assertStillAccepting();
    }

    @Test
    void unparseableInputIsKeptAsDeadLetter() throws Exception {
        int before = count("SELECT COUNT(*) FROM dead_letter");
        String ack = send(MLLP_PORT, "this is not HL7 at all".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        assertThat(ackCode(ack)).isEqualTo("AR");
        assertThat(count("SELECT COUNT(*) FROM dead_letter")).isEqualTo(before + 1);
        byte[] raw = jdbc.queryForObject("SELECT raw FROM dead_letter ORDER BY id DESC LIMIT 1", byte[].class);
        assertThat(new String(raw, StandardCharsets.UTF_8)).isEqualTo("this is not HL7 at all");
    }

    /** The fuzzer's inputs, but for its empty file (see the empty-frame test above). */
    static Stream<Path> fuzzCrashers() {
        return Corpora.files("hl7v2-nhapi-fuzz-bad-inputs", null).stream()
                .filter(p -> p.toFile().length() > 0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fuzzCrashers")
    void everyFuzzCrasherGetsAnAnswer(Path file) throws Exception {
        String ack = send(MLLP_PORT, Files.readAllBytes(file), StandardCharsets.UTF_8);
        assertThat(ack).startsWith("MSH");
        assertThat(ackCode(ack)).isIn("AE", "AR");
    }

    private void assertStillAccepting() throws Exception {
        assertThat(ackCode(send(MLLP_PORT, Hl7Messages.compliantRde(Hl7Messages.controlId()))))
                .isEqualTo("AA");
    }
}
