package org.qingfeng.monitors.stat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class PgauditLineParserTest {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    @Test
    void debianPrefix() {
        PgauditLineParser p = new PgauditLineParser(PgauditLineParser.DEBIAN_PREFIX, CHINA);
        var r = p.parse("2026-11-24 09:50:01.123 UTC [12345] stat_user@hisdb LOG:  AUDIT: SESSION,1,1,READ,SELECT,,,"
                + "\"SELECT doctor_id, SUM(qty) FROM prescription_line GROUP BY doctor_id\",<not logged>");
        assertThat(r).isInstanceOf(PgauditLineParser.Event.class);
        DataAccessEvent e = ((PgauditLineParser.Event) r).event();
        assertThat(e.time()).isEqualTo(Instant.parse("2026-11-24T09:50:01.123Z"));
        assertThat(e.dbUser()).isEqualTo("stat_user");
        assertThat(e.statement()).isEqualTo("SELECT doctor_id, SUM(qty) FROM prescription_line GROUP BY doctor_id");
        assertThat(e.rows()).isNull();
    }

    @Test
    void prefixWithHostAndRowsAndQuotes() {
        PgauditLineParser p = new PgauditLineParser("%m [%p] %q%u@%d %h ", CHINA);
        var r = p.parse("2026-11-24 09:50:01 CST [7] alice@his 10.1.2.3 LOG:  AUDIT: SESSION,3,1,READ,SELECT,,,"
                + "\"SELECT * FROM t WHERE name = \"\"x, y\"\"\",<none>,1500");
        DataAccessEvent e = ((PgauditLineParser.Event) r).event();
        assertThat(e.clientIp()).isEqualTo("10.1.2.3");
        assertThat(e.statement()).isEqualTo("SELECT * FROM t WHERE name = \"x, y\"");
        assertThat(e.rows()).isEqualTo(1500L);
    }

    @Test
    void otherServerMessagesAreSkippedAndBrokenRecordsNamed() {
        PgauditLineParser p = new PgauditLineParser(PgauditLineParser.DEBIAN_PREFIX, CHINA);
        assertThat(p.parse("2026-11-24 09:50:01.123 UTC [1] LOG:  database system is ready to accept connections"))
                .isInstanceOf(PgauditLineParser.Skipped.class);
        assertThat(p.parse("garbage AUDIT: SESSION,1")).isInstanceOf(PgauditLineParser.Malformed.class);
        assertThat(PgauditLineParser.isContinuation("\tFROM prescription_line")).isTrue();
    }
}
