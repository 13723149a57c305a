package org.qingfeng.config.reference;

/** A CSV file was rejected as a whole; names the first bad row (1 = first data row after the header) and column. */
public class CsvImportException extends RuntimeException {
    private final long row;
    private final String column;
    private final String reason;

    public CsvImportException(long row, String column, String reason) {
        super("row " + row + (column == null ? "" : ", column " + column) + ": " + reason);
        this.row = row;
        this.column = column;
        this.reason = reason;
    }

    public long row() {
        return row;
    }

    public String column() {
        return column;
    }

    public String reason() {
        return reason;
    }
}
