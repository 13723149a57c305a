package org.qingfeng.app.persistence;

import java.util.List;

/** Messages just committed, handed to processing: their ids and the prescriptions (facility, number) they touched. */
public record StoredBatch(List<StoredMessage> messages) {

    public record StoredMessage(long id, List<PrescriptionRef> prescriptions) {}

    public record PrescriptionRef(String facility, String number) {}
}
