package org.qingfeng.app.ops;

import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.qingfeng.app.persistence.InboundStore;
import org.qingfeng.config.MllpFeed;
import org.qingfeng.connectors.mllp.MllpFeedRoutes;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** Ready when every configured MLLP listener is started (its port bound) and received messages can be stored. */
public class MllpHealthIndicator implements HealthIndicator {

    private final CamelContext camel;
    private final List<MllpFeed> feeds;
    private final InboundStore store;

    public MllpHealthIndicator(CamelContext camel, List<MllpFeed> feeds, InboundStore store) {
        this.camel = camel;
        this.feeds = feeds;
        this.store = store;
    }

    @Override
    public Health health() {
        Health.Builder builder = Health.up();
        for (MllpFeed feed : feeds) {
            ServiceStatus status = camel.getRouteController().getRouteStatus(MllpFeedRoutes.routeId(feed));
            String state = status == null ? "Missing" : status.name();
            builder.withDetail(feed.getId(), feed.getBindAddress() + ":" + feed.getPort() + " " + state);
            if (status == null || !status.isStarted()) {
                builder.down();
            }
        }
        // Listening is not enough: while the database cannot be written, new messages are answered AE.
        builder.withDetail("databaseWritable", store.databaseWritable());
        if (!store.databaseWritable()) {
            builder.down();
        }
        return builder.build();
    }
}
