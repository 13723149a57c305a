package org.qingfeng.app.support;

import java.nio.file.Path;
import org.springframework.jdbc.core.JdbcTemplate;

/** How far Qingfeng's tailer has read and committed an audit log (what it stores with every batch it processes). */
public final class TailPosition {
    private TailPosition() {}

    /** The committed offset in the file the tailer reads at {@code path}, or -1 before its first batch. */
    public static long of(JdbcTemplate jdbc, Path path) {
        return jdbc
                .queryForList(
                        "SELECT setting_value FROM app_setting WHERE setting_key = ?",
                        String.class,
                        "audit-tail:" + path.toAbsolutePath())
                .stream()
                .findFirst()
                .map(v -> Long.parseLong(v.substring(v.lastIndexOf('|') + 1)))
                .orElse(-1L);
    }
}
