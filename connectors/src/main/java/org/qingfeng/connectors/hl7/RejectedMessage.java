package org.qingfeng.connectors.hl7;

import java.time.Instant;

/**
 * A message answered AR or AE, kept with its reason so it can be read and replayed.
 *
 * @param replayOf when a replay fails again, the dead letter it came from (updated instead of duplicated)
 */
public record RejectedMessage(
        String feedId,
        byte[] raw,
        String charset,
        Instant receivedAt,
        Hl7Header header,
        String ackCode,
        String location,
        String reason,
        Long replayOf) {}
