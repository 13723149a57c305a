package org.qingfeng.app.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.qingfeng.connectors.hl7.IngestObserver;

/**
 * {@code qingfeng_messages_received_total{feed,type,outcome}} and {@code qingfeng_ingest_latency_seconds} (receipt
 * to acknowledgement, with a histogram for percentiles). Meters are looked up once per tag combination.
 */
public class IngestMetrics implements IngestObserver {

    private final MeterRegistry registry;
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void answered(String feedId, String messageType, String outcome, long nanos) {
        String type = messageType == null ? "unknown" : messageType;
        counters.computeIfAbsent(
                        List.of(feedId, type, outcome),
                        k -> Counter.builder("qingfeng_messages_received")
                                .description("HL7 messages answered, by feed, message type and outcome")
                                .tag("feed", feedId)
                                .tag("type", type)
                                .tag("outcome", outcome)
                                .register(registry))
                .increment();
        timers.computeIfAbsent(
                        feedId,
                        f -> Timer.builder("qingfeng_ingest_latency")
                                .description("Time from receipt of a message to its acknowledgement")
                                .tag("feed", f)
                                .publishPercentileHistogram()
                                .minimumExpectedValue(Duration.ofNanos(100_000))
                                .maximumExpectedValue(Duration.ofSeconds(10))
                                .register(registry))
                .record(Duration.ofNanos(nanos));
    }
}
