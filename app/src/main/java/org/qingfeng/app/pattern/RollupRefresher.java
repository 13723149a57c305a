package org.qingfeng.app.pattern;

import java.time.Duration;
import org.qingfeng.app.persistence.UsageRollups;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/** Brings the usage rollups up to date every few seconds (pattern jobs also do it before they read them). */
public class RollupRefresher implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(RollupRefresher.class);

    private final UsageRollups rollups;
    private final Duration every;
    private volatile boolean running;
    private ThreadPoolTaskScheduler scheduler;

    public RollupRefresher(UsageRollups rollups, Duration every) {
        this.rollups = rollups;
        this.every = every;
    }

    @Override
    public void start() {
        running = true;
        scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix("qingfeng-rollups-");
        scheduler.initialize();
        scheduler.scheduleWithFixedDelay(
                () -> {
                    try {
                        rollups.refreshDirty();
                    } catch (RuntimeException e) {
                        log.warn("Refreshing the usage rollups failed (retried): {}", e.getMessage());
                    }
                },
                every);
    }

    @Override
    public void stop() {
        running = false;
        if (scheduler != null) {
            scheduler.shutdown();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
