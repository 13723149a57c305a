package org.qingfeng.connectors.hl7;

import java.util.concurrent.CompletableFuture;

/**
 * Where received messages go. Implemented by the application's store; a connector only calls it and answers the
 * sender according to the outcome.
 */
public interface InboundSink {

    enum StoreOutcome {
        STORED,
        DUPLICATE
    }

    /** Stores the raw message and its parsed form; completes once both are durable (or fails). */
    CompletableFuture<StoreOutcome> store(InboundMessage message);

    /** Stores a rejected message durably before the sender is answered; returns the dead letter's id. */
    long deadLetter(RejectedMessage message);
}
