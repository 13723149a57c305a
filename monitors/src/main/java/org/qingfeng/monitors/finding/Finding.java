package org.qingfeng.monitors.finding;

import java.util.Map;
import org.qingfeng.config.Severity;

/**
 * What a monitor concluded: a rule crossed on a subject, with the evidence a reviewer needs. The alert service turns
 * findings into alerts and de-duplicates them on {@link #dedupeKey()}.
 *
 * @param department the department the finding belongs to (the prescription's), or null
 * @param scope what the finding is about beyond the subject (a prescription key, a period), part of the dedupe key
 * @param evidence ordered, JSON-serializable values (strings, numbers, booleans, lists and maps of them)
 */
public record Finding(
        String rule,
        Severity severity,
        Inbox inbox,
        Subject subject,
        String department,
        String scope,
        String title,
        boolean justified,
        Map<String, Object> evidence) {

    public Finding {
        evidence = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(evidence));
    }

    public String dedupeKey() {
        return rule + "|" + subject.type() + ":" + subject.id() + "|" + scope;
    }
}
