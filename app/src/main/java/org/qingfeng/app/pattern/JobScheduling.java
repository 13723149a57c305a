package org.qingfeng.app.pattern;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.UUID;
import org.qingfeng.config.QingfengProperties;
import org.quartz.CronExpression;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts the pattern jobs into Quartz: a durable JobDetail per job and a cron trigger from
 * {@code qingfeng.schedules.<job>} (default: monthly jobs on the 1st at night, the surge check daily), misfires
 * skipped (a missed night is not made up at noon; the run-now API is there for that). A schedule of "-" removes the
 * trigger. Unknown job names and invalid cron expressions stop start-up, naming the key.
 */
public class JobScheduling {

    private static final Logger log = LoggerFactory.getLogger(JobScheduling.class);
    static final String GROUP = "pattern";
    static final String OFF = "-";

    private final Scheduler scheduler;
    private final JobRuns runs;
    private final Map<PatternJob, String> crons;
    private final TransactionTemplate tx;

    /**
     * @param tx Spring's Quartz job store (JobStoreCMT) takes its row locks in the caller's transaction: changes to the
     *     store must run in one, or a trigger stored while another fires escapes the no-overlap check
     */
    public JobScheduling(Scheduler scheduler, JobRuns runs, QingfengProperties properties, TransactionTemplate tx) {
        this.scheduler = scheduler;
        this.runs = runs;
        this.crons = crons(properties.getSchedules());
        this.tx = tx;
    }

    /** A change to the Quartz store, in a transaction. */
    private interface StoreChange {
        void apply() throws SchedulerException;
    }

    private void inTransaction(StoreChange change) throws SchedulerException {
        try {
            tx.executeWithoutResult(status -> {
                try {
                    change.apply();
                } catch (SchedulerException e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof SchedulerException se) {
                throw se;
            }
            throw e;
        }
    }

    /** The effective cron of each job ("-": not scheduled), after checking the configuration. */
    static Map<PatternJob, String> crons(Map<String, String> configured) {
        Map<PatternJob, String> crons = new LinkedHashMap<>();
        for (PatternJob job : PatternJob.values()) {
            crons.put(job, job.defaultCron());
        }
        configured.forEach((name, cron) -> {
            PatternJob job = PatternJob.byName(name)
                    .orElseThrow(() -> new IllegalArgumentException("qingfeng.schedules." + name
                            + ": no such job; jobs are "
                            + java.util.Arrays.stream(PatternJob.values())
                                    .map(PatternJob::jobName)
                                    .toList()));
            String c = cron.trim();
            if (!OFF.equals(c) && !CronExpression.isValidExpression(c)) {
                throw new IllegalArgumentException(
                        "qingfeng.schedules." + name + ": '" + cron + "' is not a Quartz cron expression");
            }
            crons.put(job, c);
        });
        return crons;
    }

    public Map<PatternJob, String> crons() {
        return crons;
    }

    /** Registers every job and (re)schedules its trigger as configured. */
    public void start() throws SchedulerException {
        TimeZone zone = TimeZone.getTimeZone(runs.zone());
        for (Map.Entry<PatternJob, String> e : crons.entrySet()) {
            PatternJob job = e.getKey();
            JobDetail detail = JobBuilder.newJob(PatternQuartzJob.class)
                    .withIdentity(jobKey(job))
                    .withDescription("Qingfeng pattern job " + job.jobName())
                    .usingJobData(PatternQuartzJob.JOB, job.jobName())
                    .storeDurably()
                    .requestRecovery(false)
                    .build();
            TriggerKey key = triggerKey(job);
            if (OFF.equals(e.getValue())) {
                inTransaction(() -> {
                    scheduler.addJob(detail, true);
                    scheduler.unscheduleJob(key);
                });
                log.info("Pattern job {} is not scheduled", job.jobName());
                continue;
            }
            Trigger trigger = TriggerBuilder.newTrigger()
                    .withIdentity(key)
                    .forJob(detail)
                    .withSchedule(CronScheduleBuilder.cronSchedule(e.getValue())
                            .inTimeZone(zone)
                            .withMisfireHandlingInstructionDoNothing())
                    .build();
            inTransaction(() -> {
                scheduler.addJob(detail, true);
                if (scheduler.checkExists(key)) {
                    scheduler.rescheduleJob(key, trigger);
                } else {
                    scheduler.scheduleJob(trigger);
                }
            });
            log.info("Pattern job {} scheduled: {} ({})", job.jobName(), e.getValue(), zone.getID());
        }
    }

    /**
     * Fires the job now through Quartz (so it never overlaps a scheduled or another requested run) and waits for it to
     * finish.
     */
    public JobRuns.Run runNow(PatternJob job, String period, String user, Duration timeout)
            throws SchedulerException, InterruptedException {
        String request = UUID.randomUUID().toString();
        JobDataMap data = new JobDataMap();
        data.put(PatternQuartzJob.PERIOD, period);
        data.put(PatternQuartzJob.REQUEST, request);
        data.put(PatternQuartzJob.USER, user);
        inTransaction(() -> scheduler.triggerJob(jobKey(job), data));
        return runs.await(request, timeout)
                .orElseThrow(() -> new IllegalStateException(
                        "job " + job.jobName() + " did not finish within " + timeout + " (request " + request + ")"));
    }

    /** When each scheduled job fires next (absent: not scheduled). */
    public Map<String, Object> nextFireTimes() throws SchedulerException {
        Map<String, Object> next = new LinkedHashMap<>();
        for (PatternJob job : PatternJob.values()) {
            List<? extends Trigger> triggers = scheduler.getTriggersOfJob(jobKey(job));
            next.put(
                    job.jobName(),
                    triggers.stream()
                            .filter(t -> t.getKey().equals(triggerKey(job)))
                            .map(t -> t.getNextFireTime() == null
                                    ? null
                                    : t.getNextFireTime().toInstant().toString())
                            .findFirst()
                            .orElse(null));
        }
        return next;
    }

    static JobKey jobKey(PatternJob job) {
        return JobKey.jobKey(job.jobName(), GROUP);
    }

    static TriggerKey triggerKey(PatternJob job) {
        return TriggerKey.triggerKey(job.jobName() + "-schedule", GROUP);
    }
}
