package org.qingfeng.app.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.qingfeng.app.alert.AlertService;
import org.qingfeng.app.persistence.InboundMessageRepository;
import org.qingfeng.app.persistence.PrescriptionRepository;
import org.qingfeng.app.persistence.StoredBatch;
import org.qingfeng.config.QingfengProperties;
import org.qingfeng.monitors.PrescriptionMonitor;
import org.qingfeng.monitors.event.OtherOrder;
import org.qingfeng.monitors.event.Prescription;
import org.qingfeng.monitors.finding.Finding;
import org.qingfeng.monitors.rules.DuplicateTherapyRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the real-time rules on prescriptions once their messages are committed, off the acknowledgement path. The
 * work list is the database itself: one thread reads the stored messages above the evaluation watermark (in id
 * order, the order the single database writer committed them), evaluates their prescriptions, and stores the alerts
 * together with the new watermark in one transaction. A committed batch only wakes the thread. Because nothing is
 * taken from memory, a batch whose hand-over was lost (a commit whose answer never arrived, a crash, a database
 * outage during evaluation) is still evaluated: the watermark moves only over messages that were evaluated. Alert
 * de-duplication makes evaluating a message twice harmless.
 */
public class PrescriptionEvaluator implements Consumer<StoredBatch>, SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(PrescriptionEvaluator.class);
    private static final int PAGE = 2_000;
    /** How often the thread looks for unevaluated messages without being woken. */
    private static final long IDLE_CHECK_MILLIS = 1_000;
    /** Attempts at a page that fails for a reason other than a lost database before it is evaluated one by one. */
    private static final int ATTEMPTS = 3;

    private final PrescriptionRepository prescriptions;
    private final InboundMessageRepository messages;
    private final PrescriptionMonitor monitor;
    private final AlertService alerts;
    private final TransactionTemplate tx;
    private final QingfengProperties properties;
    private final Counter failures;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    public PrescriptionEvaluator(
            PrescriptionRepository prescriptions,
            InboundMessageRepository messages,
            PrescriptionMonitor monitor,
            AlertService alerts,
            TransactionTemplate tx,
            QingfengProperties properties,
            MeterRegistry meters) {
        this.prescriptions = prescriptions;
        this.messages = messages;
        this.monitor = monitor;
        this.alerts = alerts;
        this.tx = tx;
        this.properties = properties;
        this.failures = Counter.builder("qingfeng_rule_evaluation_failures")
                .description("Stored messages whose rule evaluation failed (see the log)")
                .register(meters);
    }

    /** A batch was committed: evaluate what is new. */
    @Override
    public void accept(StoredBatch batch) {
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    private void loop() {
        long backoff = 200;
        long through = -1;
        while (running) {
            try {
                if (through < 0) {
                    through = messages.evaluatedThrough();
                }
                List<StoredBatch.StoredMessage> page = messages.notEvaluated(through, PAGE);
                if (page.isEmpty()) {
                    wake.tryAcquire(IDLE_CHECK_MILLIS, TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                    continue;
                }
                if (evaluateWithRetries(page) == Outcome.DATABASE_UNAVAILABLE) {
                    Thread.sleep(backoff);
                    backoff = Math.min(backoff * 2, 5_000);
                    continue;
                }
                backoff = 200;
                through = page.get(page.size() - 1).id();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // reading the work list failed: most likely the database is away; wait for it
                if (!databaseUnreachable(e)) {
                    log.error("Reading the messages to evaluate failed; trying again shortly", e);
                }
                through = -1;
                sleepQuietly(backoff);
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
    }

    /**
     * Evaluates a page; a page that keeps failing for another reason than the database (a rule throwing on odd data)
     * is evaluated message by message, so that one bad message costs only its own alerts, which are counted and
     * logged.
     */
    private Outcome evaluateWithRetries(List<StoredBatch.StoredMessage> page) throws InterruptedException {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Outcome outcome = evaluate(page);
            if (outcome != Outcome.FAILED) {
                return outcome;
            }
            Thread.sleep(200L * attempt);
        }
        for (StoredBatch.StoredMessage one : page) {
            Outcome outcome = evaluate(List.of(one));
            if (outcome == Outcome.DATABASE_UNAVAILABLE) {
                return outcome;
            }
            if (outcome == Outcome.FAILED) {
                failures.increment();
                log.error("Message {} raised no alerts: its rule evaluation fails (see above)", one.id());
                tx.executeWithoutResult(status -> messages.markEvaluatedThrough(one.id()));
            }
        }
        return Outcome.DONE;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    enum Outcome {
        DONE,
        DATABASE_UNAVAILABLE,
        FAILED
    }

    /** Evaluates the prescriptions of these messages and moves the watermark over them, in one transaction. */
    Outcome evaluate(List<StoredBatch.StoredMessage> stored) {
        if (stored.isEmpty()) {
            return Outcome.DONE;
        }
        try {
            Set<StoredBatch.PrescriptionRef> refs = new LinkedHashSet<>();
            stored.forEach(m -> refs.addAll(m.prescriptions()));
            List<Prescription> orders = prescriptions.findOrders(refs);
            Map<String, List<OtherOrder>> history = patientHistory(orders);
            List<Finding> findings = new ArrayList<>();
            for (Prescription rx : orders) {
                findings.addAll(monitor.evaluate(rx, history.getOrDefault(rx.patientKey(), List.of())));
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
            log.warn("Evaluating {} stored messages failed", stored.size(), e);
            return Outcome.FAILED;
        }
    }

    /** The patients' other active orders within the duplicate-therapy look-back before the earliest of these orders. */
    private Map<String, List<OtherOrder>> patientHistory(List<Prescription> orders) {
        Instant earliest = orders.stream()
                .map(Prescription::orderedAt)
                .filter(java.util.Objects::nonNull)
                .min(Instant::compareTo)
                .orElse(null);
        if (earliest == null) {
            return Map.of();
        }
        Instant since = earliest.minus(DuplicateTherapyRule.lookback(properties.rule(DuplicateTherapyRule.CODE)));
        return prescriptions.activeOrdersOfPatients(
                orders.stream().map(Prescription::patientKey).toList(), since);
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

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::loop, "qingfeng-rules");
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        wake.release();
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

    /** Starts before the store, so the first committed batch wakes a running thread. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 500;
    }
}
