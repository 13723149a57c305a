package org.qingfeng.app.persistence;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.qingfeng.app.persistence.journal.IngestJournal;
import org.qingfeng.app.persistence.journal.JournalRecord;
import org.qingfeng.config.IngestProperties;
import org.qingfeng.connectors.hl7.InboundMessage;
import org.qingfeng.connectors.hl7.InboundSink;
import org.qingfeng.connectors.hl7.RejectedMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Durable store of received messages, in two stages:
 *
 * <ol>
 *   <li><b>Journal</b> (before the ACK): listener threads hand messages to the journal thread, which appends all
 *       that are waiting as one group, forces them to disk once, and then lets every caller answer AA.
 *   <li><b>Database</b> (after the ACK): the apply thread writes journaled messages (raw and parsed) to the database in large batches
 *       and records, in the same transaction, how far the journal has been applied. After a crash, start-up replays
 *       the journal above that point; duplicate detection on sender + control ID makes a replay harmless.
 * </ol>
 *
 * A repeated control ID is recognised before the ACK (among messages in flight and in the database). While the
 * database cannot be written, new messages are refused (AE) so that senders hold them; what is already journaled
 * is applied once the database is back.
 */
public class InboundStore implements InboundSink, SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(InboundStore.class);
    private static final String CHECKPOINT = "journal-applied-through";

    private final IngestJournal journal;
    private final MessageWriter writer;
    private final DeadLetterRepository deadLetters;
    private final SettingsRepository settings;
    private final TransactionTemplate tx;
    private final IngestProperties properties;
    private final Consumer<StoredBatch> afterCommit;

    private final BlockingQueue<Pending> toJournal = new LinkedBlockingQueue<>(100_000);
    private final BlockingQueue<Journaled> toDatabase = new LinkedBlockingQueue<>();
    /** Messages journaled but not yet in the database, by sender + control ID; the value counts repeats. */
    private final Map<List<String>, AtomicInteger> inFlight = new ConcurrentHashMap<>();

    private volatile boolean running;
    private volatile boolean applying;
    private volatile boolean databaseWritable = true;
    private Thread journalThread;
    private Thread applyThread;

    record Pending(InboundMessage message, CompletableFuture<StoreOutcome> future) {}

    record Journaled(long sequence, InboundMessage message) {}

    public InboundStore(
            IngestJournal journal,
            MessageWriter writer,
            DeadLetterRepository deadLetters,
            SettingsRepository settings,
            TransactionTemplate tx,
            IngestProperties properties,
            Consumer<StoredBatch> afterCommit) {
        this.journal = journal;
        this.writer = writer;
        this.deadLetters = deadLetters;
        this.settings = settings;
        this.tx = tx;
        this.properties = properties;
        this.afterCommit = afterCommit;
    }

    @Override
    public CompletableFuture<StoreOutcome> store(InboundMessage message) {
        CompletableFuture<StoreOutcome> future = new CompletableFuture<>();
        if (!running) {
            future.completeExceptionally(new IllegalStateException("the store is not running"));
            return future;
        }
        if (!databaseWritable) {
            future.completeExceptionally(new IllegalStateException("the database cannot be written"));
            return future;
        }
        List<String> key = key(message);
        AtomicInteger repeats = inFlight.putIfAbsent(key, new AtomicInteger());
        if (repeats != null) {
            repeats.incrementAndGet();
            future.complete(StoreOutcome.DUPLICATE);
            return future;
        }
        try {
            if (writer.countDuplicate(key.get(0), key.get(1))) {
                inFlight.remove(key);
                future.complete(StoreOutcome.DUPLICATE);
                return future;
            }
        } catch (RuntimeException e) {
            inFlight.remove(key);
            future.completeExceptionally(e);
            return future;
        }
        if (!toJournal.offer(new Pending(message, future))) {
            inFlight.remove(key);
            future.completeExceptionally(new IllegalStateException("the journal queue is full"));
        }
        return future;
    }

    @Override
    public long deadLetter(RejectedMessage message) {
        return tx.execute(status -> deadLetters.save(message));
    }

    private static List<String> key(InboundMessage m) {
        return List.of(m.header().sender(), m.header().controlId());
    }

    // ---- stage 1: journal ----

    private void journalLoop() {
        List<Pending> group = new ArrayList<>();
        while (running || !toJournal.isEmpty()) {
            try {
                Pending first = toJournal.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                toJournal.drainTo(group, properties.getMaxBatch() - 1);
                journal(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                group.clear();
            }
        }
        toJournal.forEach(p -> fail(p, new IllegalStateException("the store stopped")));
    }

    private void journal(List<Pending> group) {
        List<byte[]> payloads = new ArrayList<>(group.size());
        for (Pending p : group) {
            payloads.add(JournalRecord.encode(p.message()));
        }
        long last;
        try {
            last = journal.append(payloads);
        } catch (IOException | RuntimeException e) {
            log.error("Writing {} messages to the ingest journal failed; answering AE", group.size(), e);
            group.forEach(p -> fail(p, e));
            return;
        }
        long sequence = last - group.size();
        for (Pending p : group) {
            toDatabase.add(new Journaled(++sequence, p.message()));
            p.future().complete(StoreOutcome.STORED);
        }
    }

    private void fail(Pending p, Exception e) {
        inFlight.remove(key(p.message()));
        p.future().completeExceptionally(e);
    }

    // ---- stage 2: database ----

    private void applyLoop() {
        List<Journaled> batch = new ArrayList<>();
        long backoff = 100;
        while (applying || !toDatabase.isEmpty()) {
            try {
                if (batch.isEmpty()) {
                    Journaled first = toDatabase.poll(100, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    toDatabase.drainTo(batch, properties.getDatabaseBatch() - 1);
                }
                apply(batch);
                batch.clear();
                databaseWritable = true;
                backoff = 100;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                // Keep the batch and retry: it is journaled, nothing is lost. New messages get AE meanwhile.
                databaseWritable = false;
                log.error(
                        "Writing {} journaled messages to the database failed; retrying in {} ms",
                        batch.size(),
                        backoff,
                        e);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
    }

    private void apply(List<Journaled> batch) {
        List<StoredBatch.StoredMessage> stored = new ArrayList<>();
        long through = batch.get(batch.size() - 1).sequence();
        tx.executeWithoutResult(status -> {
            List<StoredBatch.StoredMessage> written =
                    writer.write(batch.stream().map(Journaled::message).toList());
            written.stream().filter(java.util.Objects::nonNull).forEach(stored::add);
            settings.put(CHECKPOINT, Long.toString(through));
        });
        for (Journaled j : batch) {
            AtomicInteger repeats = inFlight.remove(key(j.message()));
            if (repeats != null && repeats.get() > 0) {
                writer.addDuplicates(
                        j.message().header().sender(), j.message().header().controlId(), repeats.get());
            }
        }
        try {
            journal.releaseThrough(through);
        } catch (IOException e) {
            log.warn("Could not delete applied journal segments", e);
        }
        if (!stored.isEmpty()) {
            try {
                afterCommit.accept(new StoredBatch(List.copyOf(stored)));
            } catch (RuntimeException e) {
                log.error("Handing {} stored messages to rule evaluation failed", stored.size(), e);
            }
        }
    }

    /** Writes what the journal holds above the database's checkpoint (after a crash), before listeners start. */
    private void recover() {
        long applied = settings.get(CHECKPOINT).map(Long::parseLong).orElse(0L);
        List<Journaled> replay = new ArrayList<>();
        journal.readAfter(
                applied, entry -> replay.add(new Journaled(entry.sequence(), JournalRecord.decode(entry.payload()))));
        for (int from = 0; from < replay.size(); from += properties.getDatabaseBatch()) {
            apply(replay.subList(from, Math.min(replay.size(), from + properties.getDatabaseBatch())));
        }
        if (!replay.isEmpty()) {
            log.info(
                    "Wrote {} journaled messages that had not reached the database before the last stop",
                    replay.size());
        }
    }

    @Override
    public void start() {
        running = true;
        applying = true;
        recover();
        journalThread = new Thread(this::journalLoop, "qingfeng-journal");
        applyThread = new Thread(this::applyLoop, "qingfeng-db-writer");
        journalThread.start();
        applyThread.start();
    }

    @Override
    public void stop() {
        running = false;
        join(journalThread);
        // only now: everything the journal thread acknowledged is queued for the database
        applying = false;
        join(applyThread);
        try {
            journal.close();
        } catch (IOException e) {
            log.warn("Closing the ingest journal failed", e);
        }
    }

    private static void join(Thread t) {
        if (t == null) {
            return;
        }
        try {
            t.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** True while the database accepts writes; readiness reports it. */
    public boolean databaseWritable() {
        return databaseWritable;
    }

    /** Starts before the listeners and stops after them, so no acknowledged message is left unwritten. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }
}
