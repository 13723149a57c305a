package org.qingfeng.app.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.qingfeng.app.alert.AlertService;
import org.qingfeng.app.persistence.InboundMessageRepository;
import org.qingfeng.app.persistence.PrescriptionRepository;
import org.qingfeng.app.persistence.StoredBatch;
import org.qingfeng.monitors.PrescriptionMonitor;
import org.qingfeng.monitors.event.Prescription;
import org.qingfeng.monitors.finding.Finding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the real-time rules on prescriptions once their messages are committed, off the acknowledgement path. One
 * thread takes whatever batches are waiting, reads all their prescriptions with one query, evaluates them, and
 * stores the alerts together with the evaluation watermark. After a restart, messages above the watermark are
 * evaluated again; alert de-duplication makes that safe.
 */
public class PrescriptionEvaluator implements Consumer<StoredBatch>, SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(PrescriptionEvaluator.class);
    private static final int RECOVERY_PAGE = 500;

    private final PrescriptionRepository prescriptions;
    private final InboundMessageRepository messages;
    private final PrescriptionMonitor monitor;
    private final AlertService alerts;
    private final TransactionTemplate tx;
    private final Counter failures;
    private final BlockingQueue<StoredBatch> queue = new LinkedBlockingQueue<>();
    private volatile boolean running;
    private Thread thread;

    public PrescriptionEvaluator(
            PrescriptionRepository prescriptions,
            InboundMessageRepository messages,
            PrescriptionMonitor monitor,
            AlertService alerts,
            TransactionTemplate tx,
            MeterRegistry meters) {
        this.prescriptions = prescriptions;
        this.messages = messages;
        this.monitor = monitor;
        this.alerts = alerts;
        this.tx = tx;
        this.failures = Counter.builder("qingfeng_rule_evaluation_failures")
                .description("Batches of stored messages whose rule evaluation failed (see the log)")
                .register(meters);
    }

    @Override
    public void accept(StoredBatch batch) {
        queue.add(batch);
    }

    private void loop() {
        recover();
        List<StoredBatch> drained = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                StoredBatch first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                drained.add(first);
                queue.drainTo(drained);
                List<StoredBatch.StoredMessage> stored = new ArrayList<>();
                drained.forEach(b -> stored.addAll(b.messages()));
                long backoff = 200;
                // While the database is unreachable, wait for it rather than move on without these alerts.
                while (evaluate(stored) == Outcome.DATABASE_UNAVAILABLE && (running || !queue.isEmpty())) {
                    Thread.sleep(backoff);
                    backoff = Math.min(backoff * 2, 5_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                drained.clear();
            }
        }
    }

    enum Outcome {
        DONE,
        DATABASE_UNAVAILABLE,
        FAILED
    }

    /** Evaluates the prescriptions of these messages; a failure is logged and counted. */
    Outcome evaluate(List<StoredBatch.StoredMessage> stored) {
        if (stored.isEmpty()) {
            return Outcome.DONE;
        }
        try {
            Set<StoredBatch.PrescriptionRef> refs = new LinkedHashSet<>();
            stored.forEach(m -> refs.addAll(m.prescriptions()));
            List<Finding> findings = new ArrayList<>();
            for (Prescription rx : prescriptions.findOrders(refs)) {
                findings.addAll(monitor.evaluate(rx));
            }
            long through = stored.stream()
                    .mapToLong(StoredBatch.StoredMessage::id)
                    .max()
                    .orElseThrow();
            tx.executeWithoutResult(status -> {
                alerts.raise(findings);
                messages.markEvaluatedThrough(through);
            });
            return Outcome.DONE;
        } catch (RuntimeException e) {
            if (databaseUnreachable(e)) {
                log.warn("The database is unavailable; evaluating {} stored messages again shortly", stored.size());
                return Outcome.DATABASE_UNAVAILABLE;
            }
            failures.increment();
            log.error("Evaluating {} stored messages failed; their prescriptions raised no alerts", stored.size(), e);
            return Outcome.FAILED;
        }
    }

    /**
     * True when the failure, or anything that caused it, says the connection to the database is lost. Checked along
     * the whole cause chain: a lost connection often surfaces as a failed rollback wrapping the original error.
     */
    static boolean databaseUnreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof SQLRecoverableException
                    || t instanceof DataAccessResourceFailureException
                    || t instanceof TransientDataAccessException
                    || t instanceof CannotCreateTransactionException) {
                return true;
            }
        }
        return false;
    }

    private void recover() {
        long through = messages.evaluatedThrough();
        int total = 0;
        List<StoredBatch.StoredMessage> page;
        while (running && !(page = messages.notEvaluated(through, RECOVERY_PAGE)).isEmpty()) {
            if (evaluate(page) != Outcome.DONE) {
                break; // the next start tries again
            }
            through = page.get(page.size() - 1).id();
            total += page.size();
        }
        if (total > 0) {
            log.info("Evaluated {} messages stored before the last stop", total);
        }
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::loop, "qingfeng-rules");
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            try {
                thread.join(20_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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
