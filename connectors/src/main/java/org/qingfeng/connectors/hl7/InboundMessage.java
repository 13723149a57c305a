package org.qingfeng.connectors.hl7;

import java.time.Instant;

/**
 * An accepted message, raw and parsed.
 *
 * @param replayOf the dead letter this message was replayed from, or null
 */
public record InboundMessage(
        String feedId, byte[] raw, String charset, Instant receivedAt, MappedMessage mapped, Long replayOf) {

    public Hl7Header header() {
        return mapped.header();
    }
}
