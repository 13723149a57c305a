package org.qingfeng.app.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.qingfeng.config.IngestProperties;
import org.qingfeng.connectors.hl7.InboundMessage;
import org.qingfeng.connectors.hl7.InboundSink;
import org.qingfeng.connectors.hl7.RejectedMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Durable store of received messages with group commit: listener threads hand their messages to one writer thread,
 * which writes everything waiting in one transaction and completes each caller's future after the commit. The ACK
 * therefore still follows the durable write, but many messages share one commit.
 */
public class InboundStore implements InboundSink, SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(InboundStore.class);

    private final MessageWriter writer;
    private final DeadLetterRepository deadLetters;
    private final TransactionTemplate tx;
    private final IngestProperties properties;
    private final Consumer<StoredBatch> afterCommit;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(100_000);
    private volatile boolean running;
    private Thread thread;

    record Pending(InboundMessage message, CompletableFuture<StoreOutcome> future) {}

    public InboundStore(
            MessageWriter writer,
            DeadLetterRepository deadLetters,
            TransactionTemplate tx,
            IngestProperties properties,
            Consumer<StoredBatch> afterCommit) {
        this.writer = writer;
        this.deadLetters = deadLetters;
        this.tx = tx;
        this.properties = properties;
        this.afterCommit = afterCommit;
    }

    @Override
    public CompletableFuture<StoreOutcome> store(InboundMessage message) {
        CompletableFuture<StoreOutcome> future = new CompletableFuture<>();
        if (!running) {
            future.completeExceptionally(new IllegalStateException("the store is not running"));
        } else if (!queue.offer(new Pending(message, future))) {
            future.completeExceptionally(new IllegalStateException("the store's queue is full"));
        }
        return future;
    }

    @Override
    public long deadLetter(RejectedMessage message) {
        return tx.execute(status -> deadLetters.save(message));
    }

    private void loop() {
        List<Pending> batch = new ArrayList<>(properties.getMaxBatch());
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, properties.getMaxBatch() - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                log.error("Inbound writer failed unexpectedly", e);
                batch.forEach(p -> p.future().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
        queue.forEach(p -> p.future().completeExceptionally(new IllegalStateException("the store stopped")));
    }

    private void write(List<Pending> batch) {
        List<StoreOutcome> outcomes;
        List<StoredBatch.StoredMessage> stored = new ArrayList<>();
        try {
            outcomes = tx.execute(status -> writeAll(batch, stored));
        } catch (RuntimeException batchFailure) {
            // One bad message must not sink the others: write them one by one.
            log.warn("Group commit of {} messages failed; retrying one by one", batch.size(), batchFailure);
            stored.clear();
            for (Pending p : batch) {
                List<StoredBatch.StoredMessage> single = new ArrayList<>();
                try {
                    StoreOutcome o =
                            tx.execute(status -> writeAll(List.of(p), single)).get(0);
                    stored.addAll(single);
                    p.future().complete(o);
                } catch (RuntimeException e) {
                    p.future().completeExceptionally(e);
                }
            }
            publish(stored);
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).future().complete(outcomes.get(i));
        }
        publish(stored);
    }

    private List<StoreOutcome> writeAll(List<Pending> batch, List<StoredBatch.StoredMessage> stored) {
        List<StoredBatch.StoredMessage> written =
                writer.write(batch.stream().map(Pending::message).toList());
        List<StoreOutcome> outcomes = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Long replayOf = batch.get(i).message().replayOf();
            if (replayOf != null) {
                deadLetters.markReplayed(replayOf); // stored now, or already stored before: either way accepted
            }
            StoredBatch.StoredMessage s = written.get(i);
            if (s == null) {
                outcomes.add(StoreOutcome.DUPLICATE);
            } else {
                stored.add(s);
                outcomes.add(StoreOutcome.STORED);
            }
        }
        return outcomes;
    }

    private void publish(List<StoredBatch.StoredMessage> stored) {
        if (stored.isEmpty()) {
            return;
        }
        try {
            afterCommit.accept(new StoredBatch(List.copyOf(stored)));
        } catch (RuntimeException e) {
            // The messages are stored with status STORED and are picked up again at the next start.
            log.error("Handing {} stored messages to processing failed", stored.size(), e);
        }
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::loop, "qingfeng-inbound-writer");
        thread.setDaemon(false);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts before the listeners and stops after them, so no accepted message is left unwritten. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }
}
