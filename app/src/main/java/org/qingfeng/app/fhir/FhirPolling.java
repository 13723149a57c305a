package org.qingfeng.app.fhir;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.qingfeng.connectors.fhir.FhirPoller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Runs each source's poller on its interval (a scheduled task registered here, in the application). A failed poll
 * (source unreachable, 429, 5xx, store unavailable) is retried with exponential back-off up to 10 minutes.
 */
public class FhirPolling implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(FhirPolling.class);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(10);

    private final FhirSources sources;
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastSuccess = new ConcurrentHashMap<>();
    private ThreadPoolTaskScheduler scheduler;
    private volatile boolean running;

    public FhirPolling(FhirSources sources) {
        this.sources = sources;
    }

    @Override
    public void start() {
        running = true;
        if (sources.pollers().isEmpty()) {
            return;
        }
        scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(Math.min(4, sources.pollers().size()));
        scheduler.setThreadNamePrefix("qingfeng-fhir-poll-");
        scheduler.setWaitForTasksToCompleteOnShutdown(true);
        scheduler.setAwaitTerminationSeconds(30);
        scheduler.initialize();
        sources.pollers().values().forEach(p -> {
            if (!p.source().getPollInterval().isNegative()
                    && !p.source().getPollInterval().isZero()) {
                scheduler.schedule(() -> poll(p), Instant.now());
            }
        });
    }

    private void poll(FhirPoller poller) {
        if (!running) {
            return;
        }
        String id = poller.source().getId();
        Duration next = poller.source().getPollInterval();
        try {
            poller.pollOnce();
            failures.remove(id);
            lastSuccess.put(id, Instant.now());
        } catch (Exception e) {
            int n = failures.merge(id, 1, Integer::sum);
            long factor = 1L << Math.min(n, 10);
            next = next.multipliedBy(factor).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : next.multipliedBy(factor);
            String status = e instanceof BaseServerResponseException r ? " (HTTP " + r.getStatusCode() + ")" : "";
            log.warn("Polling FHIR source {} failed{}: {}; next try in {}", id, status, e.getMessage(), next);
        }
        if (running) {
            scheduler.schedule(() -> poll(poller), Instant.now().plus(next));
        }
    }

    /** When each source was last polled successfully. */
    public Map<String, Instant> lastSuccess() {
        return Map.copyOf(lastSuccess);
    }

    @Override
    public void stop() {
        running = false;
        if (scheduler != null) {
            scheduler.shutdown();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts after the store (and stops before it), like the MLLP listeners. */
    @Override
    public int getPhase() {
        return 0;
    }
}
