package org.qingfeng.app.ingest;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.qingfeng.app.alert.AlertService;
import org.qingfeng.app.persistence.InboundMessageRepository;
import org.qingfeng.app.persistence.PrescriptionRepository;
import org.qingfeng.app.persistence.StoredBatch;
import org.qingfeng.monitors.PrescriptionMonitor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the real-time rules on prescriptions once their messages are committed, off the acknowledgement path. A
 * message is marked PROCESSED only after its alerts are stored; whatever is still STORED at start-up (the process
 * stopped in between) is evaluated again, and alert de-duplication makes that safe.
 */
public class PrescriptionEvaluator implements Consumer<StoredBatch>, SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(PrescriptionEvaluator.class);

    private final PrescriptionRepository prescriptions;
    private final InboundMessageRepository messages;
    private final PrescriptionMonitor monitor;
    private final AlertService alerts;
    private ExecutorService executor;
    private volatile boolean running;

    public PrescriptionEvaluator(
            PrescriptionRepository prescriptions,
            InboundMessageRepository messages,
            PrescriptionMonitor monitor,
            AlertService alerts) {
        this.prescriptions = prescriptions;
        this.messages = messages;
        this.monitor = monitor;
        this.alerts = alerts;
    }

    @Override
    public void accept(StoredBatch batch) {
        executor.execute(() -> evaluate(batch.messages()));
    }

    void evaluate(List<StoredBatch.StoredMessage> stored) {
        try {
            Set<StoredBatch.PrescriptionRef> refs = new LinkedHashSet<>();
            stored.forEach(m -> refs.addAll(m.prescriptions()));
            for (StoredBatch.PrescriptionRef ref : refs) {
                prescriptions
                        .findOrder(ref.facility(), ref.number())
                        .ifPresent(rx -> alerts.raise(monitor.evaluate(rx)));
            }
            messages.markProcessed(
                    stored.stream().map(StoredBatch.StoredMessage::id).toList());
        } catch (RuntimeException e) {
            log.error(
                    "Evaluating {} stored messages failed; they stay STORED and are retried at the next start",
                    stored.size(),
                    e);
        }
    }

    private void recover() {
        int total = 0;
        long previousFirst = -1;
        List<StoredBatch.StoredMessage> pending;
        // A page whose evaluation failed comes back unchanged: stop rather than spin on it.
        while (!(pending = messages.unprocessed(500)).isEmpty()
                && pending.get(0).id() != previousFirst) {
            previousFirst = pending.get(0).id();
            evaluate(pending);
            total += pending.size();
        }
        if (total > 0) {
            log.info("Evaluated {} messages stored before the last stop", total);
        }
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "qingfeng-rules"));
        running = true;
        executor.execute(this::recover);
    }

    @Override
    public void stop() {
        running = false;
        executor.shutdown();
        try {
            if (!executor.awaitTermination(20, TimeUnit.SECONDS)) {
                log.warn(
                        "Rule evaluation did not finish in time; unprocessed messages are evaluated at the next start");
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts before the store and stops after it, so every committed batch can still be handed over. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 500;
    }
}
