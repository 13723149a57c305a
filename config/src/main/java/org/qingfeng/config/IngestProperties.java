package org.qingfeng.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/** {@code qingfeng.ingest.*}: how received messages are made durable before they are acknowledged. */
public class IngestProperties {

    /** Most messages appended to the journal and forced to disk together (group commit). */
    @Min(1)
    @Max(10_000)
    private int maxBatch = 256;

    /** Most journaled messages written to the database in one transaction. */
    @Min(1)
    @Max(10_000)
    private int databaseBatch = 1000;

    /** Folder of the ingest journal, the durable record of every acknowledged message. */
    @NotBlank
    private String journalDir = "./data/journal";

    /** Force each journal group to disk before the ACK (survives power loss, not only a process crash). */
    private boolean journalFsync = true;

    /** Size at which a journal segment is closed and a new one started. */
    @Min(1)
    @Max(4096)
    private int journalSegmentMb = 64;

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

    public int getDatabaseBatch() {
        return databaseBatch;
    }

    public void setDatabaseBatch(int databaseBatch) {
        this.databaseBatch = databaseBatch;
    }

    public String getJournalDir() {
        return journalDir;
    }

    public void setJournalDir(String journalDir) {
        this.journalDir = journalDir;
    }

    public boolean isJournalFsync() {
        return journalFsync;
    }

    public void setJournalFsync(boolean journalFsync) {
        this.journalFsync = journalFsync;
    }

    public int getJournalSegmentMb() {
        return journalSegmentMb;
    }

    public void setJournalSegmentMb(int journalSegmentMb) {
        this.journalSegmentMb = journalSegmentMb;
    }

    public int getStoreTimeoutMillis() {
        return storeTimeoutMillis;
    }

    public void setStoreTimeoutMillis(int storeTimeoutMillis) {
        this.storeTimeoutMillis = storeTimeoutMillis;
    }
}
