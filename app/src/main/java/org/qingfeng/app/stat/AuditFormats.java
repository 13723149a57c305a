package org.qingfeng.app.stat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.qingfeng.monitors.stat.DataAccessEvent;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * MySQL Enterprise Audit (JSON format) and MariaDB server_audit records. A record that is not a query (connect,
 * status, …) is skipped (null); one that cannot be read throws {@link IllegalArgumentException} with the reason.
 */
public class AuditFormats {

    private static final DateTimeFormatter MYSQL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter MARIADB_TIME = DateTimeFormatter.ofPattern("yyyyMMdd HH:mm:ss");

    private final JsonMapper json;
    private final ZoneId zone;

    public AuditFormats(JsonMapper json, ZoneId zone) {
        this.json = json;
        this.zone = zone;
    }

    /** One MySQL Enterprise Audit JSON event object ({@code class: general}, {@code general_data.query}). */
    public DataAccessEvent mysql(String object) {
        JsonNode n;
        try {
            n = json.readTree(object);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        String query = n.path("general_data").path("query").asString(null);
        if (!"general".equals(n.path("class").asString(null)) || query == null || query.isBlank()) {
            return null;
        }
        Instant time;
        try {
            time = LocalDateTime.parse(n.path("timestamp").asString(""), MYSQL_TIME)
                    .atZone(zone)
                    .toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'timestamp' is not yyyy-MM-dd HH:mm:ss");
        }
        JsonNode rowsSent = n.path("query_statistics").path("rows_sent");
        String ip = n.path("login").path("ip").asString(null);
        return new DataAccessEvent(
                time,
                null,
                n.path("account")
                        .path("user")
                        .asString(n.path("login").path("user").asString(null)),
                ip == null || ip.isBlank() ? n.path("account").path("host").asString(null) : ip,
                n.path("login").path("os").asString(null) == null
                                || n.path("login").path("os").asString("").isBlank()
                        ? null
                        : n.path("login").path("os").asString(),
                null,
                query,
                null,
                rowsSent.canConvertToLong() ? rowsSent.asLong() : null,
                "mysql-audit-json");
    }

    /**
     * One MariaDB server_audit line: {@code timestamp,serverhost,username,host,connectionid,queryid,operation,database,
     * 'object',retcode}.
     */
    public DataAccessEvent mariadb(String line) {
        String[] head = line.split(",", 9);
        if (head.length < 9) {
            throw new IllegalArgumentException("expected 10 comma-separated fields");
        }
        if (!head[6].trim().toUpperCase(Locale.ROOT).equals("QUERY")) {
            return null;
        }
        String rest = head[8];
        int lastComma = rest.lastIndexOf(',');
        if (lastComma < 0) {
            throw new IllegalArgumentException("no retcode after the query");
        }
        String object = rest.substring(0, lastComma).trim();
        if (object.length() >= 2 && object.startsWith("'") && object.endsWith("'")) {
            object = object.substring(1, object.length() - 1);
        }
        object = object.replace("\\'", "'")
                .replace("\\n", "\n")
                .replace("\\r", "\r")
                .replace("\\\\", "\\");
        Instant time;
        try {
            time = LocalDateTime.parse(head[0].trim(), MARIADB_TIME)
                    .atZone(zone)
                    .toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("the timestamp is not yyyyMMdd HH:mm:ss");
        }
        return new DataAccessEvent(
                time,
                null,
                head[2].trim(),
                head[3].trim().isEmpty() ? null : head[3].trim(),
                null,
                null,
                object,
                null,
                null,
                "mariadb-audit");
    }
}
