package org.qingfeng.bench;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.model.Message;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.qingfeng.config.QingfengProperties;
import org.qingfeng.connectors.hl7.Hl7Codec;
import org.qingfeng.connectors.hl7.Hl7Header;
import org.qingfeng.connectors.hl7.Hl7PrescriptionMapper;
import org.qingfeng.connectors.hl7.Hl7Text;
import org.qingfeng.connectors.privacy.PatientPseudonymizer;
import org.qingfeng.monitors.PrescriptionMonitor;
import org.qingfeng.monitors.event.Prescription;

/**
 * The CPU path of one message without I/O: decode → parse (HAPI generic model) → map → all real-time rules, and the
 * ACK. {@code parseOnly} is the baseline measured in the same run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class IngestPathBenchmark {

    private Hl7Codec codec;
    private Hl7PrescriptionMapper mapper;
    private PrescriptionMonitor monitor;
    private List<byte[]> messages;
    private int next;

    @Setup
    public void setup() {
        var reference = BenchData.demoReference();
        codec = new Hl7Codec();
        mapper = new Hl7PrescriptionMapper(
                reference,
                new PatientPseudonymizer("benchmark-key-0123456789".getBytes(StandardCharsets.UTF_8)),
                ZoneId.of("Asia/Shanghai"));
        monitor = new PrescriptionMonitor(PrescriptionMonitor.defaultRules(), new QingfengProperties(), reference);
        messages = new ArrayList<>();
        for (String m : BenchData.messages()) {
            messages.add(m.replace("{{SEQ}}", "B" + messages.size()).getBytes(StandardCharsets.UTF_8));
        }
    }

    private byte[] nextMessage() {
        byte[] m = messages.get(next);
        next = (next + 1) % messages.size();
        return m;
    }

    @Benchmark
    public Message parseOnly() throws Exception {
        return codec.parse(Hl7Text.decode(nextMessage(), StandardCharsets.UTF_8));
    }

    @Benchmark
    public String parseAndAck() throws Exception {
        Message m = codec.parse(Hl7Text.decode(nextMessage(), StandardCharsets.UTF_8));
        return codec.ack(m, AcknowledgmentCode.AA, null);
    }

    @Benchmark
    public void parseMapRulesAck(Blackhole bh) throws Exception {
        byte[] raw = nextMessage();
        Hl7Text.Decoded decoded = Hl7Text.decodeChecked(raw, StandardCharsets.UTF_8);
        bh.consume(decoded.valid());
        Message m = codec.parse(decoded.text());
        Hl7Header header = Hl7Codec.header(m);
        Hl7PrescriptionMapper.Result result = mapper.map(m, header);
        for (Prescription rx : result.message().prescriptions()) {
            bh.consume(monitor.evaluate(rx));
        }
        bh.consume(codec.ack(m, AcknowledgmentCode.AA, null));
    }
}
