package org.qingfeng.monitors.stat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PostgreSQL server log entries written by pgaudit ({@code AUDIT: SESSION,…} or {@code AUDIT: OBJECT,…}), with
 * a configurable {@code log_line_prefix} (default Debian's {@code %m [%p] %q%u@%d }). Supported prefix escapes: %m %t
 * (time), %p (pid), %u (user), %d (database), %h (host), %r (host:port), %a (application), %q, %%; others match any
 * text. Lines that continue a multi-line statement (PostgreSQL starts them with a tab) are joined by the caller
 * ({@link #isContinuation}).
 */
public final class PgauditLineParser {

    public static final String DEBIAN_PREFIX = "%m [%p] %q%u@%d ";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSS][.SS][.S]");

    /** A log entry that is not a pgaudit record (ordinary server messages) is no error: it is skipped. */
    public sealed interface Result permits Event, Skipped, Malformed {}

    public record Event(DataAccessEvent event) implements Result {}

    public record Skipped() implements Result {}

    public record Malformed(String reason) implements Result {}

    private final Pattern prefix;
    private final List<String> groups = new ArrayList<>();
    private final ZoneId zone;

    public PgauditLineParser(String logLinePrefix, ZoneId zone) {
        this.zone = zone;
        StringBuilder regex = new StringBuilder("^");
        String p = logLinePrefix == null ? DEBIAN_PREFIX : logLinePrefix;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c != '%' || i + 1 >= p.length()) {
                regex.append(Pattern.quote(String.valueOf(c)));
                continue;
            }
            char e = p.charAt(++i);
            switch (e) {
                case 'm', 't' ->
                    group(
                            regex,
                            "time",
                            "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?: [A-Za-z+\\-0-9:]+)?");
                case 'p' -> group(regex, "pid", "\\d+");
                case 'u' -> group(regex, "user", "[^@\\s]*");
                case 'd' -> group(regex, "db", "[^\\s]*");
                case 'h' -> group(regex, "host", "[^\\s(]*");
                case 'r' -> group(regex, "hostport", "[^\\s]*");
                case 'a' -> group(regex, "app", ".*?");
                case 'q' -> {}
                case '%' -> regex.append("%");
                default -> regex.append(".*?");
            }
        }
        regex.append("(?<level>[A-Z]+):\\s+AUDIT: (?<audit>.*)$");
        this.prefix = Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private void group(StringBuilder regex, String name, String body) {
        if (groups.contains(name)) {
            regex.append("(?:").append(body).append(")");
        } else {
            groups.add(name);
            regex.append("(?<").append(name).append(">").append(body).append(")");
        }
    }

    /** PostgreSQL writes the further lines of a multi-line message with a leading tab. */
    public static boolean isContinuation(String line) {
        return line.startsWith("\t");
    }

    public Result parse(String entry) {
        if (!entry.contains("AUDIT: ")) {
            return new Skipped();
        }
        Matcher m = prefix.matcher(entry);
        if (!m.matches()) {
            return new Malformed("the line does not match the log_line_prefix");
        }
        List<String> fields = csv(m.group("audit"));
        // AUDIT_TYPE, STATEMENT_ID, SUBSTATEMENT_ID, CLASS, COMMAND, OBJECT_TYPE, OBJECT_NAME, STATEMENT, PARAMETER[,
        // ROWS]
        if (fields.size() < 8) {
            return new Malformed("the AUDIT record has " + fields.size() + " fields, expected at least 8");
        }
        Instant time;
        try {
            time = time(group(m, "time"));
        } catch (DateTimeParseException e) {
            return new Malformed("unreadable time '" + group(m, "time") + "'");
        }
        String host = group(m, "host");
        if (host == null && group(m, "hostport") != null) {
            host = group(m, "hostport").replaceAll("\\(\\d+\\)$", "");
        }
        Long rows = null;
        if (fields.size() >= 10) {
            try {
                rows = Long.parseLong(fields.get(9).trim());
            } catch (NumberFormatException ignored) {
                rows = null; // "<not logged>" or absent
            }
        }
        return new Event(new DataAccessEvent(
                time,
                null,
                group(m, "user"),
                host == null || host.isEmpty() || host.equals("[local]") ? null : host,
                null,
                group(m, "app"),
                fields.get(7),
                null,
                rows,
                "pgaudit"));
    }

    private String group(Matcher m, String name) {
        return groups.contains(name) ? m.group(name) : null;
    }

    private Instant time(String text) {
        if (text == null) {
            throw new DateTimeParseException("no time in the prefix", "", 0);
        }
        String[] parts = text.trim().split(" ");
        LocalDateTime local = LocalDateTime.parse(parts[0] + " " + parts[1], TIME);
        ZoneId z = zone;
        if (parts.length > 2) {
            try {
                z = ZoneId.of(parts[2], ZoneId.SHORT_IDS);
            } catch (RuntimeException unknownZone) {
                z = zone;
            }
        }
        return local.atZone(z).toInstant();
    }

    /** Splits pgaudit's CSV record (fields quoted with doubled quotes). */
    static List<String> csv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
