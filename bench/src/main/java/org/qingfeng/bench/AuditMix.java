package org.qingfeng.bench;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import org.qingfeng.config.StatisticsProperties;
import org.qingfeng.config.StatisticsTable;

/**
 * A realistic mix of audited statements on a Chinese HIS schema: mostly the HIS application's own lookups (prepared,
 * so their text repeats), some reading prescription tables without aggregating, monthly report queries (long, with
 * CTEs and joins), and ad-hoc narrow statistics with changing literals. {@code main <file> <lines>} writes it as a
 * pgaudit log with Debian's prefix plus %h.
 */
public final class AuditMix {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AuditMix.class);

    private AuditMix() {}

    static final String REPORT = """
            WITH month_rx AS (
                SELECT m.YSDM, m.YPDM, m.SL, m.JE, m.CFRQ, b.KSDM
                  FROM MZ_CFMX m
                  JOIN MZ_CFZB z ON z.CFH = m.CFH
                  JOIN GY_YGDM b ON b.YGDM = m.YSDM
                 WHERE m.CFRQ >= DATE '2026-11-01' AND m.CFRQ < DATE '2026-12-01' AND z.ZFBZ = 0
            ), ranked AS (
                SELECT YPDM, SUM(JE) AS total, RANK() OVER (ORDER BY SUM(JE) DESC) AS rk
                  FROM month_rx GROUP BY YPDM
            )
            SELECT r.YPDM, y.YPMC, r.total, x.YSDM, g.XM, SUM(x.JE) AS doctor_total,
                   ROUND(100.0 * SUM(x.JE) / NULLIF(r.total, 0), 2) AS share
              FROM ranked r
              JOIN month_rx x ON x.YPDM = r.YPDM
              JOIN YK_YPZD y ON y.YPDM = r.YPDM
              JOIN GY_YGDM g ON g.YGDM = x.YSDM
             WHERE r.rk <= 10
             GROUP BY r.YPDM, y.YPMC, r.total, x.YSDM, g.XM
             ORDER BY r.total DESC, doctor_total DESC""";

    static final List<String> APP = List.of(
            "SELECT * FROM MZ_BRXX WHERE BRID = $1",
            "SELECT YPMC, GG, DW, DJ FROM YK_YPZD WHERE YPDM = $1",
            "SELECT a.CFH, a.YPDM, a.SL, a.JE FROM MZ_CFMX a WHERE a.CFH = $1",
            "SELECT z.CFH, z.BRID, z.YSDM, z.KSDM FROM MZ_CFZB z WHERE z.BRID = $1 ORDER BY z.CFRQ DESC LIMIT 20",
            "SELECT COUNT(*) FROM MZ_GHXX WHERE KSDM = $1 AND GHRQ = CURRENT_DATE",
            "SELECT * FROM ZY_BRRY WHERE ZYH = $1",
            "SELECT YZ.* FROM ZY_YZMX YZ WHERE YZ.ZYH = $1 AND YZ.TZBZ = 0");

    /** The i-th statement of the mix (deterministic). */
    static String statement(int i, Random random) {
        int r = i % 100;
        if (r < 85) {
            return APP.get(i % APP.size());
        }
        if (r < 95) {
            return REPORT;
        }
        return "SELECT SUM(SL), SUM(JE) FROM MZ_CFMX WHERE YSDM = '" + (1000 + random.nextInt(800))
                + "' AND CFRQ >= DATE '2026-11-01'";
    }

    static String account(int i) {
        int r = i % 100;
        return r < 85 ? "hisapp" : r < 95 ? "report" : "tongji" + (i % 3);
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int lines = Integer.parseInt(args[1]);
        Random random = new Random(42);
        LocalDateTime t = LocalDateTime.parse("2026-11-24T02:00:00");
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < lines; i++) {
                String sql = statement(i, random).replace("\"", "\"\"");
                String[] parts = sql.split("\n");
                w.write(t.plusNanos(i * 1_000_000L).format(f) + " UTC [" + (1000 + i % 50) + "] " + account(i)
                        + "@his 10.1." + (i % 20) + "." + (i % 200) + " LOG:  AUDIT: SESSION," + i
                        + ",1,READ,SELECT,,,\"" + parts[0]);
                for (int p = 1; p < parts.length; p++) {
                    w.write("\n\t" + parts[p]);
                }
                w.write("\",<not logged>," + (i % 100 < 85 ? 1 : 200) + "\n");
            }
        }
        log.info("wrote " + lines + " pgaudit entries to " + file);
    }

    static List<StatisticsTable> configured() {
        return new StatisticsProperties().getTables();
    }
}
