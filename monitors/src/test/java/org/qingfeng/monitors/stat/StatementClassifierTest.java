package org.qingfeng.monitors.stat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.qingfeng.config.StatisticsTable;

/** Statistics vs not, across dialects, joins, CTEs, sub-queries, aliases, quoting, and unparseable statements. */
class StatementClassifierTest {

    static final StatementClassifier CLASSIFIER = new StatementClassifier(List.of(
            // English names
            new StatisticsTable(
                    "prescription_line", List.of("doctor_id", "prescriber_id"), List.of("drug_code", "item_code")),
            new StatisticsTable("orders", List.of("ordering_doctor"), List.of("drug_code")),
            // a typical Chinese HIS: 门诊处方明细, 药房发药明细, 住院医嘱
            new StatisticsTable("MZ_CFMX", List.of("YSDM", "KDYS"), List.of("YPDM")),
            new StatisticsTable("YF_FYMX", List.of("YSDM"), List.of("YPDM")),
            new StatisticsTable("ZY_YZ", List.of("KZYS"), List.of("XMDM"))));

    record Case(String sql, boolean statistics, boolean heuristic) {
        @Override
        public String toString() {
            return (statistics ? "STAT " : "---- ") + sql;
        }
    }

    static Case stat(String sql) {
        return new Case(sql, true, false);
    }

    static Case not(String sql) {
        return new Case(sql, false, false);
    }

    static Case statGuessed(String sql) {
        return new Case(sql, true, true);
    }

    static Case notGuessed(String sql) {
        return new Case(sql, false, true);
    }

    static Stream<Case> cases() {
        return Stream.of(
                // --- plain aggregation by prescriber and/or item
                stat("SELECT doctor_id, drug_code, SUM(qty) FROM prescription_line GROUP BY doctor_id, drug_code"),
                stat("SELECT doctor_id, COUNT(*) FROM prescription_line GROUP BY doctor_id"),
                stat(
                        "SELECT drug_code, SUM(amount) AS total FROM prescription_line GROUP BY drug_code ORDER BY total DESC"),
                stat("select prescriber_id, count(distinct patient_id) from prescription_line group by prescriber_id"),
                stat("SELECT p.doctor_id, SUM(p.qty) FROM prescription_line p GROUP BY p.doctor_id"),
                stat("SELECT pl.item_code, AVG(pl.qty) FROM public.prescription_line AS pl GROUP BY pl.item_code"),
                stat("SELECT \"doctor_id\", SUM(\"qty\") FROM \"prescription_line\" GROUP BY \"doctor_id\""),
                stat("SELECT doctor_id, SUM(qty) FROM prescription_line GROUP BY doctor_id HAVING SUM(qty) > 100"),
                stat(
                        "SELECT doctor_id, drug_code, SUM(qty) FROM prescription_line WHERE ordered_at >= '2026-11-01' GROUP BY ROLLUP(doctor_id, drug_code)"),
                // --- a filter pinning one prescriber or one drug
                stat("SELECT SUM(qty) FROM prescription_line WHERE doctor_id = 'D0001'"),
                stat(
                        "SELECT COUNT(*) FROM prescription_line WHERE drug_code = 'Y00061' AND ordered_at > now() - interval '30 days'"),
                stat("SELECT SUM(qty) FROM prescription_line WHERE 'D0001' = doctor_id"),
                stat("SELECT COUNT(*) FROM prescription_line WHERE drug_code IN ('Y00061', 'Y00064')"),
                stat("SELECT SUM(qty) FROM prescription_line WHERE doctor_id = 1001"),
                // --- joins
                stat(
                        "SELECT s.name, SUM(pl.qty) FROM prescription_line pl JOIN staff s ON s.id = pl.doctor_id GROUP BY pl.doctor_id, s.name"),
                stat(
                        "SELECT d.name, COUNT(*) FROM drug d INNER JOIN prescription_line l ON l.drug_code = d.code GROUP BY l.drug_code, d.name"),
                stat(
                        "SELECT s.dept, pl.doctor_id, SUM(pl.amount) FROM prescription_line pl LEFT JOIN staff s ON s.id = pl.doctor_id GROUP BY s.dept, pl.doctor_id"),
                stat(
                        "SELECT o.ordering_doctor, o.drug_code, COUNT(*) FROM orders o, patients p WHERE p.id = o.patient_id GROUP BY o.ordering_doctor, o.drug_code"),
                // --- CTEs and sub-queries
                stat(
                        "WITH m AS (SELECT doctor_id, SUM(qty) q FROM prescription_line GROUP BY doctor_id) SELECT * FROM m ORDER BY q DESC"),
                stat(
                        "WITH a AS (SELECT * FROM prescription_line WHERE ordered_at > '2026-11-01') SELECT doctor_id, COUNT(*) FROM a JOIN prescription_line b ON a.id = b.id GROUP BY b.doctor_id"),
                stat(
                        "SELECT * FROM (SELECT drug_code, SUM(qty) AS q FROM prescription_line GROUP BY drug_code) t WHERE q > 10"),
                stat(
                        "SELECT name FROM staff WHERE id IN (SELECT doctor_id FROM prescription_line GROUP BY doctor_id HAVING COUNT(*) > 50)"),
                stat(
                        "SELECT s.name, (SELECT COUNT(*) FROM prescription_line pl WHERE pl.doctor_id = 'D0002') AS n FROM staff s"),
                stat(
                        "SELECT doctor_id, q FROM (SELECT doctor_id, SUM(qty) q FROM prescription_line GROUP BY doctor_id) x UNION ALL SELECT 'total', SUM(qty) FROM prescription_line"),
                stat("SELECT doctor_id, SUM(qty) OVER (PARTITION BY doctor_id) FROM prescription_line"),
                // aggregation over what a CTE or derived table passes on
                stat(
                        "WITH m AS (SELECT p.doctor_id AS doc, p.qty FROM prescription_line p WHERE p.qty > 0) SELECT doc, SUM(qty) FROM m GROUP BY doc"),
                stat(
                        "SELECT t.drug_code, COUNT(*) FROM (SELECT * FROM prescription_line WHERE qty > 1) t GROUP BY t.drug_code"),
                stat(
                        "WITH x AS (SELECT m.YSDM, m.JE FROM MZ_CFMX m JOIN MZ_CFZB z ON z.CFH = m.CFH) SELECT x.YSDM, SUM(x.JE) FROM x GROUP BY x.YSDM"),
                not("WITH x AS (SELECT m.CFH, m.JE FROM MZ_CFMX m) SELECT x.CFH, SUM(x.JE) FROM x GROUP BY x.CFH"),
                stat("INSERT INTO report_tmp SELECT doctor_id, SUM(qty) FROM prescription_line GROUP BY doctor_id"),
                stat("CREATE TABLE tmp_rank AS SELECT drug_code, COUNT(*) n FROM prescription_line GROUP BY drug_code"),
                // --- dialects
                stat(
                        "SELECT TOP 10 [doctor_id], SUM([qty]) FROM [dbo].[prescription_line] GROUP BY [doctor_id] ORDER BY SUM([qty]) DESC"),
                stat("SELECT `doctor_id`, SUM(`qty`) FROM `his`.`prescription_line` GROUP BY `doctor_id` LIMIT 10"),
                stat("SELECT doctor_id, SUM(qty) FROM prescription_line WHERE ROWNUM <= 10 GROUP BY doctor_id"),
                stat("SELECT doctor_id, SUM(qty) FROM prescription_line GROUP BY doctor_id FETCH FIRST 10 ROWS ONLY"),
                stat("SELECT doctor_id, SUM(qty)::numeric FROM prescription_line GROUP BY doctor_id"),
                stat("SELECT doctor_id, NVL(SUM(qty), 0) FROM prescription_line GROUP BY doctor_id"),
                stat(
                        "SELECT doctor_id, SUM(qty) FROM prescription_line WHERE ordered_at > SYSDATE - 30 GROUP BY doctor_id"),
                // --- Chinese HIS naming
                stat("SELECT YSDM, YPDM, SUM(SL) FROM MZ_CFMX GROUP BY YSDM, YPDM"),
                stat("select a.ysdm, sum(a.je) from his.mz_cfmx a where a.cfrq >= '2026-11-01' group by a.ysdm"),
                stat("SELECT COUNT(*) FROM YF_FYMX WHERE YPDM = 'Y00118'"),
                stat("SELECT KZYS, COUNT(*) FROM ZY_YZ GROUP BY KZYS"),
                stat(
                        "SELECT m.YSDM, y.YPMC, SUM(m.SL) FROM MZ_CFMX m JOIN YK_YPZD y ON y.YPDM = m.YPDM GROUP BY m.YSDM, y.YPMC"),
                // --- not statistics: no aggregation, another table, another dimension
                not("SELECT * FROM prescription_line WHERE patient_id = 'P123'"),
                not("SELECT doctor_id, drug_code, qty FROM prescription_line WHERE prescription_no = 'RX1'"),
                not("SELECT COUNT(*) FROM prescription_line"),
                not("SELECT SUM(qty) FROM prescription_line WHERE ordered_at > '2026-11-01'"),
                not("SELECT dept, SUM(amount) FROM prescription_line GROUP BY dept"),
                not("SELECT patient_id, COUNT(*) FROM prescription_line GROUP BY patient_id"),
                not("SELECT doctor_id, COUNT(*) FROM appointments GROUP BY doctor_id"),
                not("SELECT name FROM staff WHERE id = 'D0001'"),
                not("SELECT drug_code, name FROM drug_catalog"),
                not("UPDATE prescription_line SET status = 'CANCELLED' WHERE id = 5"),
                not("INSERT INTO prescription_line (id, doctor_id, drug_code) VALUES (1, 'D1', 'Y1')"),
                not("DELETE FROM prescription_line WHERE id = 7"),
                not("SELECT 1"),
                not("SELECT now()"),
                not("SELECT * FROM orders o WHERE o.id = 42"),
                not("SELECT doctor_id FROM prescription_line WHERE prescription_no = 'RX9'"),
                not("SELECT COUNT(*) FROM staff GROUP BY dept"),
                not("SELECT YSDM, XM FROM GY_YGDM WHERE YSDM = '1001'"),
                not("SELECT a.*, b.* FROM MZ_CFMX a JOIN MZ_BRXX b ON a.BRID = b.BRID WHERE a.CFH = '20261124001'"),
                not("SELECT SUM(qty) FROM prescription_line WHERE patient_id = 'P1'"),
                not("BEGIN"), // names no prescription table: not even parsed
                not("SET search_path TO his"),
                not("SHOW TABLES"),
                // --- unparseable: keyword and table heuristics, marked as such
                statGuessed(
                        "SELECT doctor_id, SUM(qty) FROM prescription_line GROUP BY doctor_id WITH SOME VENDOR EXTENSION ((("),
                statGuessed("EXEC sp_executesql N'SELECT YSDM, SUM(SL) FROM MZ_CFMX GROUP BY YSDM'"),
                notGuessed("SELECT patient_id FROM prescription_line WHERE $$ broken"),
                not("this is not SQL at all"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void classifies(Case c) {
        Classification result = CLASSIFIER.classify(c.sql());
        assertThat(result.statistics()).as(c + " → " + result.reason()).isEqualTo(c.statistics());
        assertThat(result.heuristic()).as(c + " judged by heuristics").isEqualTo(c.heuristic());
        assertThat(result.normalized()).isNotBlank();
    }

    @Test
    void atLeastSixtyStatements() {
        assertThat(cases().count()).isGreaterThanOrEqualTo(60);
    }

    @Test
    void evidenceNamesDimensionsTablesAndTargets() {
        Classification c = CLASSIFIER.classify(
                "SELECT SUM(qty) FROM prescription_line pl WHERE pl.doctor_id = 'D0001' AND pl.drug_code IN ('Y1','Y2')");
        assertThat(c.dimensions()).containsExactlyInAnyOrder("PRESCRIBER", "ITEM");
        assertThat(c.targets()).containsExactlyInAnyOrder("D0001", "Y1", "Y2");
        assertThat(c.tables()).containsExactly("prescription_line");
        assertThat(c.reason()).contains("prescriber");
    }
}
