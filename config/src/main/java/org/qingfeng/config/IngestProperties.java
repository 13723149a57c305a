package org.qingfeng.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** {@code qingfeng.ingest.*}: how received messages are written before they are acknowledged. */
public class IngestProperties {

    /** Most messages written in one database transaction (group commit). */
    @Min(1)
    @Max(10_000)
    private int maxBatch = 256;

    /** Longest a message waits for its commit before the sender gets AE. */
    @Min(100)
    @Max(600_000)
    private int storeTimeoutMillis = 10_000;

    public int getMaxBatch() {
        return maxBatch;
    }

    public void setMaxBatch(int maxBatch) {
        this.maxBatch = maxBatch;
    }

    public int getStoreTimeoutMillis() {
        return storeTimeoutMillis;
    }

    public void setStoreTimeoutMillis(int storeTimeoutMillis) {
        this.storeTimeoutMillis = storeTimeoutMillis;
    }
}
