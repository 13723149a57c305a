package org.qingfeng.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** {@code qingfeng.data-access.files[i].*}: one audit log Qingfeng tails. */
public class DataAccessFile {

    @NotBlank
    private String path;

    @NotBlank
    @Pattern(
            regexp = "pgaudit|json-lines|mysql-audit-json|mariadb-audit",
            message = "must be pgaudit, json-lines, mysql-audit-json or mariadb-audit")
    private String format = "pgaudit";

    /** pgaudit: the server's log_line_prefix (default Debian's). */
    private String linePrefix = "%m [%p] %q%u@%d ";

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public String getFormat() {
        return format;
    }

    public void setFormat(String format) {
        this.format = format;
    }

    public String getLinePrefix() {
        return linePrefix;
    }

    public void setLinePrefix(String linePrefix) {
        this.linePrefix = linePrefix;
    }
}
