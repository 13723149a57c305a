package org.qingfeng.monitors.ops;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.qingfeng.config.RuleSettings;
import org.qingfeng.config.Severity;
import org.qingfeng.monitors.finding.Finding;
import org.qingfeng.monitors.finding.Inbox;
import org.qingfeng.monitors.finding.Subject;
import org.qingfeng.monitors.finding.SubjectType;

/**
 * FEED_SILENT (rules.md §6): a feed delivered nothing for N minutes (default 30) while it is working hours (default
 * 08:00-18:00, hospital time). One finding per silence: its scope is the time of the last delivery.
 */
public final class FeedSilenceRule {
    public static final String CODE = "FEED_SILENT";
    static final int MINUTES = 30;
    static final String WORKING_HOURS = "08:00-18:00";

    public Optional<Finding> evaluate(
            String feedId, Instant lastDelivery, Instant now, ZoneId zone, RuleSettings settings) {
        if (Boolean.FALSE.equals(settings.getEnabled())) {
            return Optional.empty();
        }
        String hours = settings.getWorkingHours() != null ? settings.getWorkingHours() : WORKING_HOURS;
        LocalTime start = LocalTime.parse(hours.substring(0, 5));
        LocalTime end = LocalTime.parse(hours.substring(6));
        LocalTime local = LocalTime.ofInstant(now, zone);
        if (local.isBefore(start) || !local.isBefore(end)) {
            return Optional.empty();
        }
        int minutes = settings.getMinutes() != null ? settings.getMinutes() : MINUTES;
        Duration silent = Duration.between(lastDelivery, now);
        if (silent.toMinutes() < minutes) {
            return Optional.empty();
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("feed", feedId);
        evidence.put("lastDelivery", lastDelivery.toString());
        evidence.put("limit", minutes);
        evidence.put("actual", silent.toMinutes());
        evidence.put("workingHours", hours);
        return Optional.of(new Finding(
                CODE,
                settings.getSeverity() != null ? settings.getSeverity() : Severity.MEDIUM,
                Inbox.IT,
                new Subject(SubjectType.FEED, feedId, feedId),
                null,
                "SILENT:" + lastDelivery,
                "接口 " + feedId + " 已 " + silent.toMinutes() + " 分钟无数据 / feed silent",
                false,
                evidence));
    }
}
