package org.qingfeng.app.ops;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.qingfeng.app.alert.AlertService;
import org.qingfeng.app.persistence.Timestamps;
import org.qingfeng.config.QingfengProperties;
import org.qingfeng.connectors.fhir.FhirReceiver;
import org.qingfeng.monitors.finding.Finding;
import org.qingfeng.monitors.ops.FeedSilenceRule;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Checks (every minute, run by a {@link PeriodicTask}) whether a feed (each MLLP feed, each FHIR source) delivered anything lately, and raises
 * FEED_SILENT for IT when one has been silent too long in working hours. A delivery is any message received on the
 * feed, accepted or refused, as the database holds it, so the watch needs no state of its own and sees every node.
 */
public class FeedWatch {
    private final JdbcTemplate jdbc;
    private final AlertService alerts;
    private final QingfengProperties properties;
    private final Clock clock;
    private final ZoneId zone;
    private final FeedSilenceRule rule = new FeedSilenceRule();
    private final Instant startedAt;

    public FeedWatch(JdbcTemplate jdbc, AlertService alerts, QingfengProperties properties, Clock clock, ZoneId zone) {
        this.jdbc = jdbc;
        this.alerts = alerts;
        this.properties = properties;
        this.clock = clock;
        this.zone = zone;
        this.startedAt = clock.instant();
    }

    /** The feeds watched: every MLLP feed, and every FHIR source. */
    public List<String> feeds() {
        List<String> feeds = new ArrayList<>();
        properties.getMllp().getFeeds().forEach(f -> feeds.add(f.getId()));
        properties.getFhir().getSources().forEach(s -> feeds.add(FhirReceiver.feedId(s)));
        return feeds;
    }

    /** One check at {@code now}; returns the findings raised or refreshed. */
    public List<Finding> check(Instant now) {
        List<Finding> findings = new ArrayList<>();
        for (String feed : feeds()) {
            Instant last = lastDelivery(feed);
            rule.evaluate(feed, last, now, zone, properties.rule(FeedSilenceRule.CODE))
                    .ifPresent(findings::add);
        }
        alerts.raise(findings);
        return findings;
    }

    private Instant lastDelivery(String feed) {
        Instant last = startedAt;
        for (String sql : List.of(
                "SELECT MAX(received_at) FROM inbound_message WHERE feed_id = ?",
                "SELECT MAX(received_at) FROM dead_letter WHERE feed_id = ?")) {
            Object at = jdbc.queryForObject(sql, Object.class, feed);
            Instant i = at == null ? null : Timestamps.instant(at);
            if (i != null && i.isAfter(last)) {
                last = i;
            }
        }
        return last;
    }
}
