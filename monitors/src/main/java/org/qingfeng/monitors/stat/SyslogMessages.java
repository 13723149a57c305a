package org.qingfeng.monitors.stat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Unwraps PostgreSQL log entries sent through syslog (RFC 3164 or RFC 5424): strips the syslog header, and joins the
 * parts PostgreSQL numbers {@code [seq-part]} back into one entry (a continuation part starts with a tab, which
 * rsyslog may write as {@code #011}). Not thread-safe: one instance per connection or datagram stream.
 */
public final class SyslogMessages {

    private static final Pattern RFC5424 =
            Pattern.compile("^<\\d{1,3}>1 \\S+ \\S+ \\S+ \\S+ \\S+ (?:-|(?:\\[.*?\\])+) ?(?<msg>.*)$", Pattern.DOTALL);
    private static final Pattern RFC3164 = Pattern.compile(
            "^<\\d{1,3}>(?:\\w{3} [ \\d]\\d \\d{2}:\\d{2}:\\d{2} )?\\S+ [^:\\s]+: (?<msg>.*)$", Pattern.DOTALL);
    private static final Pattern PART =
            Pattern.compile("^\\[(?<seq>\\d+)-(?<part>\\d+)\\] (?<text>.*)$", Pattern.DOTALL);

    private final Map<String, StringBuilder> open = new LinkedHashMap<>();

    /** The message text of one syslog record, or empty when it is not a syslog record. */
    public static Optional<String> body(String record) {
        String r = record.strip();
        Matcher m = RFC5424.matcher(r);
        if (m.matches()) {
            return Optional.of(m.group("msg"));
        }
        m = RFC3164.matcher(r);
        return m.matches() ? Optional.of(m.group("msg")) : Optional.empty();
    }

    /**
     * Adds one message body; returns the entry it completes, if any. A first part ({@code -1}) completes the entry
     * before it from the same sender; {@link #flush} gives what is left.
     */
    public Optional<String> add(String sender, String body) {
        Matcher m = PART.matcher(body);
        if (!m.matches()) {
            return Optional.of(body);
        }
        String text = m.group("text").replace("#011", "\t");
        if (!m.group("part").equals("1")) {
            StringBuilder b = open.get(sender);
            if (b != null) {
                b.append('\n').append(text.startsWith("\t") ? text.substring(1) : text);
            }
            return Optional.empty();
        }
        StringBuilder previous = open.put(sender, new StringBuilder(text));
        return previous == null ? Optional.empty() : Optional.of(previous.toString());
    }

    /** The entries still open (the sender went quiet, so they are complete). */
    public Map<String, String> flush() {
        Map<String, String> out = new LinkedHashMap<>();
        open.forEach((k, v) -> out.put(k, v.toString()));
        open.clear();
        return out;
    }
}
