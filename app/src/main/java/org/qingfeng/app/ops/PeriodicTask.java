package org.qingfeng.app.ops;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * A task run on every node at a fixed delay while the application runs (started after the database, stopped before
 * it). A failed run is logged and the next one runs as planned.
 */
public class PeriodicTask implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(PeriodicTask.class);

    private final String name;
    private final Duration firstAfter;
    private final Duration every;
    private final Runnable task;
    private volatile boolean running;
    private ThreadPoolTaskScheduler scheduler;

    /** @param name what the task does, for thread names and the log */
    public PeriodicTask(String name, Duration firstAfter, Duration every, Runnable task) {
        this.name = name;
        this.firstAfter = firstAfter;
        this.every = every;
        this.task = task;
    }

    @Override
    public void start() {
        running = true;
        scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix("qingfeng-" + name + "-");
        scheduler.initialize();
        scheduler.scheduleWithFixedDelay(
                () -> {
                    try {
                        task.run();
                    } catch (RuntimeException e) {
                        log.warn("{} failed (runs again in {}): {}", name, every, e.getMessage());
                    }
                },
                Instant.now().plus(firstAfter),
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
