package org.qingfeng.monitors.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.qingfeng.config.RuleSettings;
import org.qingfeng.monitors.finding.Finding;

class FeedSilenceRuleTest {
    private final FeedSilenceRule rule = new FeedSilenceRule();
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    // 10:00 in Beijing
    private static final Instant NOW = Instant.parse("2026-11-24T02:00:00Z");

    @Test
    void silentForThirtyMinutesInWorkingHours() {
        Finding f = rule.evaluate("main", NOW.minusSeconds(30 * 60), NOW, CHINA, new RuleSettings())
                .orElseThrow();
        assertThat(f.inbox().name()).isEqualTo("IT");
        assertThat(f.subject().id()).isEqualTo("main");
        assertThat(f.evidence().get("actual")).isEqualTo(30L);
        assertThat(f.scope()).isEqualTo("SILENT:" + NOW.minusSeconds(30 * 60));
        assertThat(rule.evaluate("main", NOW.minusSeconds(29 * 60 + 59), NOW, CHINA, new RuleSettings()))
                .isEmpty();
    }

    @Test
    void nightsAreNotReportedAndHoursAreConfigurable() {
        Instant night = Instant.parse("2026-11-24T15:00:00Z"); // 23:00 in Beijing
        assertThat(rule.evaluate("main", night.minusSeconds(7200), night, CHINA, new RuleSettings()))
                .isEmpty();
        RuleSettings allDay = new RuleSettings();
        allDay.setWorkingHours("00:00-23:59");
        allDay.setMinutes(60);
        assertThat(rule.evaluate("main", night.minusSeconds(7200), night, CHINA, allDay))
                .isPresent();
    }
}
