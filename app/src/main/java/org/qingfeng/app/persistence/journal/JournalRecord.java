package org.qingfeng.app.persistence.journal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.qingfeng.connectors.hl7.Hl7Header;
import org.qingfeng.connectors.hl7.InboundMessage;
import org.qingfeng.connectors.hl7.LineKind;
import org.qingfeng.connectors.hl7.MappedMessage;
import org.qingfeng.monitors.event.LineStatus;
import org.qingfeng.monitors.event.PatientClass;
import org.qingfeng.monitors.event.Prescription;
import org.qingfeng.monitors.event.PrescriptionLine;

/**
 * What the journal keeps of an accepted message: the raw bytes as received and their parsed form, so that a crash
 * between the ACK and the database write loses neither.
 */
public final class JournalRecord {

    private static final int VERSION = 1;

    private JournalRecord() {}

    public static byte[] encode(InboundMessage m) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(m.raw().length * 2 + 256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            str(out, m.feedId());
            str(out, m.charset());
            out.writeLong(m.receivedAt().getEpochSecond());
            out.writeInt(m.receivedAt().getNano());
            out.writeLong(m.replayOf() == null ? -1 : m.replayOf());
            out.writeInt(m.raw().length);
            out.write(m.raw());
            Hl7Header h = m.header();
            for (String s : new String[] {
                h.sendingApplication(),
                h.sendingFacility(),
                h.messageType(),
                h.triggerEvent(),
                h.controlId(),
                h.processingId(),
                h.version(),
                h.timestamp()
            }) {
                str(out, s);
            }
            out.writeByte(m.mapped().kind().ordinal());
            out.writeInt(m.mapped().prescriptions().size());
            for (Prescription rx : m.mapped().prescriptions()) {
                str(out, rx.facility());
                str(out, rx.prescriptionNo());
                str(out, rx.patientKey());
                out.writeByte(rx.patientClass().ordinal());
                str(out, rx.departmentCode());
                str(out, rx.departmentName());
                str(out, rx.prescriberId());
                str(out, rx.prescriberName());
                out.writeLong(
                        rx.orderedAt() == null ? Long.MIN_VALUE : rx.orderedAt().toEpochMilli());
                out.writeInt(rx.lines().size());
                for (PrescriptionLine l : rx.lines()) {
                    str(out, l.placerOrderNo());
                    out.writeByte(l.status().ordinal());
                    str(out, l.itemCode());
                    str(out, l.itemName());
                    decimal(out, l.dose());
                    str(out, l.doseUnit());
                    decimal(out, l.quantity());
                    str(out, l.quantityUnit());
                    str(out, l.frequency());
                    decimal(out, l.daysSupply());
                    str(out, l.route());
                    str(out, l.indication());
                    str(out, l.justification());
                    out.writeBoolean(l.chronic());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static InboundMessage decode(byte[] payload) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            int version = in.readByte();
            if (version != VERSION) {
                throw new IOException("unknown journal record version " + version);
            }
            String feed = str(in);
            String charset = str(in);
            Instant at = Instant.ofEpochSecond(in.readLong(), in.readInt());
            long replay = in.readLong();
            byte[] raw = new byte[in.readInt()];
            in.readFully(raw);
            Hl7Header header = new Hl7Header(str(in), str(in), str(in), str(in), str(in), str(in), str(in), str(in));
            LineKind kind = LineKind.values()[in.readByte()];
            int prescriptions = in.readInt();
            List<Prescription> list = new ArrayList<>(prescriptions);
            for (int p = 0; p < prescriptions; p++) {
                String facility = str(in);
                String number = str(in);
                String patient = str(in);
                PatientClass patientClass = PatientClass.values()[in.readByte()];
                String deptCode = str(in);
                String deptName = str(in);
                String prescriberId = str(in);
                String prescriberName = str(in);
                long ordered = in.readLong();
                int lineCount = in.readInt();
                List<PrescriptionLine> lines = new ArrayList<>(lineCount);
                for (int l = 0; l < lineCount; l++) {
                    lines.add(new PrescriptionLine(
                            str(in),
                            LineStatus.values()[in.readByte()],
                            str(in),
                            str(in),
                            decimal(in),
                            str(in),
                            decimal(in),
                            str(in),
                            str(in),
                            decimal(in),
                            str(in),
                            str(in),
                            str(in),
                            in.readBoolean()));
                }
                list.add(new Prescription(
                        facility,
                        number,
                        patient,
                        patientClass,
                        deptCode,
                        deptName,
                        prescriberId,
                        prescriberName,
                        ordered == Long.MIN_VALUE ? null : Instant.ofEpochMilli(ordered),
                        lines));
            }
            return new InboundMessage(
                    feed, raw, charset, at, new MappedMessage(header, kind, list), replay < 0 ? null : replay);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void str(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String str(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static void decimal(DataOutputStream out, BigDecimal d) throws IOException {
        str(out, d == null ? null : d.toPlainString());
    }

    private static BigDecimal decimal(DataInputStream in) throws IOException {
        String s = str(in);
        return s == null ? null : new BigDecimal(s);
    }
}
