package org.qingfeng.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.qingfeng.app.support.QingfengIT;

/**
 * Proves which database the integration tests ran on: H2 by default, PostgreSQL in the postgres-it run (where this
 * test fails if the tests silently fell back to H2).
 */
class PostgresSchemaIT extends QingfengIT {

    @Test
    void runsOnTheDatabaseItWasGivenWithTheSchemaMigrated() throws Exception {
        String expected = System.getProperty("qingfeng.test.db-url") == null ? "H2" : "PostgreSQL";
        try (Connection c = jdbc.getDataSource().getConnection()) {
            assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo(expected);
        }
        assertThat(count("SELECT COUNT(*) FROM flyway_schema_history WHERE success = TRUE"))
                .isPositive();
        assertThat(count("SELECT COUNT(*) FROM ref_drug")).isGreaterThanOrEqualTo(200);
    }
}
