package org.qingfeng.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLNonTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionSystemException;

class PrescriptionEvaluatorTest {

    @Test
    void aLostConnectionIsRecognisedBehindAFailedRollback() {
        // what a database that went away mid-transaction looked like in the outage test
        TransactionSystemException rollbackFailed = new TransactionSystemException(
                "Application exception overridden by rollback exception",
                new SQLNonTransientConnectionException("The database has been closed", "90098"));
        assertThat(PrescriptionEvaluator.databaseUnreachable(rollbackFailed)).isTrue();
    }

    @Test
    void aBugIsNotMistakenForAnOutage() {
        assertThat(PrescriptionEvaluator.databaseUnreachable(new IllegalStateException("rule failed")))
                .isFalse();
    }
}
