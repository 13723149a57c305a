package org.qingfeng.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qingfeng.app.support.MllpTestClient.ackCode;
import static org.qingfeng.app.support.MllpTestClient.segment;
import static org.qingfeng.app.support.MllpTestClient.send;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.qingfeng.app.support.Corpora;
import org.qingfeng.app.support.QingfengIT;
import org.qingfeng.connectors.tool.MllpSender;

/**
 * Every HL7 v2 message of the shared corpora, written by other projects, gets a well-formed ACK over MLLP. Their drug
 * codes are not in our catalog, so pharmacy orders are mostly AE; non-pharmacy messages are AR.
 */
class CorpusIT extends QingfengIT {

    static Stream<Arguments> messages() throws Exception {
        List<Arguments> all = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (String folder : List.of(
                "hl7v2-microsoft-fhir-converter",
                "hl7v2-linuxforhealth-converter-tests",
                "hl7v2-japanese-jahis-style",
                "hl7v2-hapi-legacy-samples",
                "hl7v2-nhapi-parser-testdata")) {
            files.addAll(Corpora.files(folder, null).stream()
                    .filter(p -> !p.toString().contains("fhir"))
                    .filter(p -> p.toString().endsWith(".hl7") || p.toString().endsWith(".txt"))
                    .toList());
        }
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            // The legacy HAPI sample interleaves // and /* */ comment lines between messages.
            String withoutComments = text.lines()
                    .filter(l -> !l.startsWith("//") && !l.startsWith("/*") && !l.startsWith("*"))
                    .collect(Collectors.joining("\n"));
            List<String> messages = MllpSender.splitMessages(withoutComments);
            for (int i = 0; i < messages.size(); i++) {
                all.add(Arguments.of(Corpora.root().relativize(file) + "#" + (i + 1), messages.get(i)));
            }
        }
        assertThat(all).hasSizeGreaterThan(100);
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void everyCorpusMessageGetsAWellFormedAck(String name, String message) throws Exception {
        String ack = send(MLLP_PORT, message);
        assertThat(ack).startsWith("MSH");
        assertThat(ackCode(ack)).isIn("AA", "AE", "AR");
        if (!ackCode(ack).equals("AA")) {
            assertThat(segment(ack, "ERR")).as("a refusal names its reason").isNotNull();
        }
    }
}
