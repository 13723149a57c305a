package org.qingfeng.app.stat;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** The ledger as CSV (UTF-8 with a byte-order mark, so that spreadsheet programs read the Chinese correctly). */
final class LedgerCsv {
    private LedgerCsv() {}

    static final String[] COLUMNS = {
        "occurred_at",
        "staff_id",
        "staff_name",
        "identity",
        "attribution",
        "db_user",
        "app_user",
        "client_ip",
        "terminal",
        "application",
        "dimensions",
        "targets",
        "tables_read",
        "row_count",
        "approved",
        "ticket",
        "approval_note",
        "rules_raised",
        "heuristic",
        "statement"
    };

    static String write(List<Map<String, Object>> rows) {
        StringWriter out = new StringWriter();
        out.write('\uFEFF');
        try (CSVPrinter csv = new CSVPrinter(
                out, CSVFormat.DEFAULT.builder().setHeader(COLUMNS).get())) {
            for (Map<String, Object> row : rows) {
                Object[] values = new Object[COLUMNS.length];
                for (int i = 0; i < COLUMNS.length; i++) {
                    values[i] = row.get(COLUMNS[i]);
                }
                csv.printRecord(values);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
