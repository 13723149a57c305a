package org.qingfeng.app.stat;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.qingfeng.monitors.stat.DataAccessEvent;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The generic data-access event of interfaces.md §3:
 * {@code {"time","user","dbUser","clientIp","terminal","application","statement"|"apiCall","rows"}}.
 */
public class DataAccessJson {

    private final JsonMapper json;

    public DataAccessJson(JsonMapper json) {
        this.json = json;
    }

    JsonMapper mapper() {
        return json;
    }

    /** One JSON line; an {@link IllegalArgumentException} names the field that is wrong. */
    public DataAccessEvent event(String line, String source) {
        JsonNode node;
        try {
            node = json.readTree(line);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        return event(node, source);
    }

    public DataAccessEvent event(JsonNode node, String source) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("an event is a JSON object");
        }
        String time = text(node, "time");
        if (time == null) {
            throw new IllegalArgumentException("'time' is required (ISO-8601 instant)");
        }
        Instant at;
        try {
            at = Instant.parse(time);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'time': '" + time + "' is not an ISO-8601 instant");
        }
        String statement = text(node, "statement");
        String apiCall = text(node, "apiCall");
        if (statement == null && apiCall == null) {
            throw new IllegalArgumentException("'statement' or 'apiCall' is required");
        }
        if (text(node, "user") == null && text(node, "dbUser") == null) {
            throw new IllegalArgumentException("'user' or 'dbUser' is required");
        }
        Long rows = null;
        JsonNode r = node.get("rows");
        if (r != null && !r.isNull()) {
            if (!r.canConvertToLong() || r.asLong() < 0) {
                throw new IllegalArgumentException("'rows' must be a non-negative whole number");
            }
            rows = r.asLong();
        }
        return new DataAccessEvent(
                at,
                text(node, "user"),
                text(node, "dbUser"),
                text(node, "clientIp"),
                text(node, "terminal"),
                text(node, "application"),
                statement,
                apiCall,
                rows,
                source);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.asString().isBlank() ? null : v.asString();
    }
}
