package org.qingfeng.connectors.hl7;

import java.util.List;
import org.qingfeng.monitors.event.Prescription;

/** The parsed, validated form of one HL7 message: its header and the prescriptions (groups of lines) it carries. */
public record MappedMessage(Hl7Header header, LineKind kind, List<Prescription> prescriptions) {
    public MappedMessage {
        prescriptions = List.copyOf(prescriptions);
    }

    public int lineCount() {
        return prescriptions.stream().mapToInt(p -> p.lines().size()).sum();
    }
}
