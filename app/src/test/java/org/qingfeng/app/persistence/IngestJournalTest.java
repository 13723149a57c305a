package org.qingfeng.app.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qingfeng.app.persistence.journal.IngestJournal;
import org.qingfeng.app.persistence.journal.JournalRecord;
import org.qingfeng.connectors.hl7.Hl7Header;
import org.qingfeng.connectors.hl7.InboundMessage;
import org.qingfeng.connectors.hl7.LineKind;
import org.qingfeng.connectors.hl7.MappedMessage;
import org.qingfeng.monitors.event.LineStatus;
import org.qingfeng.monitors.event.PatientClass;
import org.qingfeng.monitors.event.Prescription;
import org.qingfeng.monitors.event.PrescriptionLine;

class IngestJournalTest {

    @TempDir
    Path dir;

    private static InboundMessage message(int i) {
        Hl7Header header = new Hl7Header("HIS", "H", "RDE", "O11", "C" + i, "P", "2.5", "20261120");
        PrescriptionLine line = new PrescriptionLine(
                "O" + i,
                LineStatus.ACTIVE,
                "Y00061",
                "氨氯地平片",
                BigDecimal.ONE,
                "片",
                new BigDecimal("14"),
                "片",
                "BID",
                new BigDecimal("7.0"),
                "PO",
                "I10",
                i == 3 ? "出差" : null,
                false);
        Prescription rx = new Prescription(
                "H",
                "RX" + i,
                "Pabc",
                PatientClass.OUTPATIENT,
                "CARD",
                "心血管内科",
                "D0001",
                "赵丽",
                Instant.ofEpochMilli(1_800_000_000_000L),
                List.of(line));
        return new InboundMessage(
                "main",
                ("MSH|^~\\&|HIS|H|Q|Q|20261120||RDE^O11|C" + i + "|P|2.5\r").getBytes(StandardCharsets.UTF_8),
                "UTF-8",
                Instant.ofEpochSecond(1_800_000_000L, i),
                new MappedMessage(header, LineKind.ORDER, List.of(rx)),
                i % 2 == 0 ? null : (long) i);
    }

    private static byte[] record(int i) {
        return JournalRecord.encode(message(i));
    }

    private List<IngestJournal.Entry> readAll(IngestJournal journal, long after) {
        List<IngestJournal.Entry> entries = new ArrayList<>();
        journal.readAfter(after, entries::add);
        return entries;
    }

    @Test
    void appendedRecordsSurviveReopeningInOrder() throws Exception {
        try (IngestJournal journal = new IngestJournal(dir, 1 << 20, true)) {
            assertThat(journal.append(List.of(record(1), record(2)))).isEqualTo(2);
            assertThat(journal.append(List.of(record(3)))).isEqualTo(3);
        }
        try (IngestJournal journal = new IngestJournal(dir, 1 << 20, true)) {
            assertThat(journal.lastSequence()).isEqualTo(3);
            List<IngestJournal.Entry> entries = readAll(journal, 1);
            assertThat(entries).extracting(IngestJournal.Entry::sequence).containsExactly(2L, 3L);
            InboundMessage r = JournalRecord.decode(entries.get(1).payload());
            assertThat(r.replayOf()).isEqualTo(3L);
            assertThat(new String(r.raw(), StandardCharsets.UTF_8)).contains("|C3|");
            assertThat(r.receivedAt()).isEqualTo(Instant.ofEpochSecond(1_800_000_000L, 3));
            assertThat(r.mapped())
                    .usingRecursiveComparison()
                    .isEqualTo(message(3).mapped());
            assertThat(journal.append(List.of(record(4)))).isEqualTo(4);
        }
    }

    @Test
    void tornTailIsCutOffAndAppendingContinues() throws Exception {
        try (IngestJournal journal = new IngestJournal(dir, 1 << 20, false)) {
            journal.append(List.of(record(1), record(2)));
        }
        Path segment;
        try (var files = Files.list(dir)) {
            segment = files.findFirst().orElseThrow();
        }
        // the process died in the middle of writing record 3
        byte[] half = new byte[20];
        Files.write(segment, half, StandardOpenOption.APPEND);
        try (IngestJournal journal = new IngestJournal(dir, 1 << 20, false)) {
            assertThat(journal.lastSequence()).isEqualTo(2);
            assertThat(journal.append(List.of(record(3)))).isEqualTo(3);
            assertThat(readAll(journal, 0))
                    .extracting(IngestJournal.Entry::sequence)
                    .containsExactly(1L, 2L, 3L);
        }
        try (FileChannel c = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            c.position(c.size() - 1);
            c.write(java.nio.ByteBuffer.wrap(new byte[] {42})); // a flipped byte in the last record
        }
        try (IngestJournal journal = new IngestJournal(dir, 1 << 20, false)) {
            assertThat(journal.lastSequence()).isEqualTo(2);
        }
    }

    @Test
    void segmentsRollAndAppliedOnesAreReleased() throws Exception {
        try (IngestJournal journal = new IngestJournal(dir, 200, false)) {
            for (int i = 1; i <= 10; i++) {
                journal.append(List.of(record(i)));
            }
            long segments;
            try (var files = Files.list(dir)) {
                segments = files.count();
            }
            assertThat(segments).isGreaterThan(3);
            journal.releaseThrough(6);
            assertThat(readAll(journal, 0).get(0).sequence()).isGreaterThan(1).isLessThanOrEqualTo(7);
            assertThat(readAll(journal, 6))
                    .extracting(IngestJournal.Entry::sequence)
                    .containsExactly(7L, 8L, 9L, 10L);
        }
    }
}
