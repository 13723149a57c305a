package org.qingfeng.app.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.qingfeng.connectors.hl7.IngestObserver;

/**
 * {@code qingfeng_messages_received_total{feed,type,outcome}} and {@code qingfeng_ingest_latency_seconds} (receipt
 * to acknowledgement, with a histogram for percentiles).
 */
public class IngestMetrics implements IngestObserver {

    private final MeterRegistry registry;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void answered(String feedId, String messageType, String outcome, long nanos) {
        Counter.builder("qingfeng_messages_received")
                .description("HL7 messages answered, by feed, message type and outcome")
                .tag("feed", feedId)
                .tag("type", messageType == null ? "unknown" : messageType)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
        Timer.builder("qingfeng_ingest_latency")
                .description("Time from receipt of a message to its acknowledgement")
                .tag("feed", feedId)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry)
                .record(Duration.ofNanos(nanos));
    }
}
