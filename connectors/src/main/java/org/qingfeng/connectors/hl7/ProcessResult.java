package org.qingfeng.connectors.hl7;

/** What the sender was told: the acknowledgement code, the encoded ACK, and a reason for AR/AE. */
public record ProcessResult(String ackCode, String outcome, String ack, byte[] ackBytes, String reason) {}
