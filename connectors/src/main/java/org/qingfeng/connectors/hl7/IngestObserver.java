package org.qingfeng.connectors.hl7;

/** Told about every message answered, for metrics. Outcomes: accepted, duplicate, rejected (AR), error (AE). */
public interface IngestObserver {
    void answered(String feedId, String messageType, String outcome, long nanos);
}
