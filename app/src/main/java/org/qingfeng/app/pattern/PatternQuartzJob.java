package org.qingfeng.app.pattern;

import java.time.LocalDate;
import java.util.UUID;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.InterruptableJob;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Quartz job behind every pattern job (one durable JobDetail per name). Never two at once for the same name, in
 * the whole cluster ({@code @DisallowConcurrentExecution}); interruptible between steps. A trigger from the run-now
 * API carries the period, the request ID and the user; a scheduled one covers yesterday or last month.
 */
@DisallowConcurrentExecution
public class PatternQuartzJob implements InterruptableJob {

    static final String JOB = "job";
    static final String PERIOD = "period";
    static final String REQUEST = "requestId";
    static final String USER = "user";

    private JobRuns runs;
    private volatile boolean interrupted;

    /** Set by Spring's job factory. */
    @Autowired
    public void setJobRuns(JobRuns runs) {
        this.runs = runs;
    }

    @Override
    public void execute(JobExecutionContext context) {
        JobDataMap data = context.getMergedJobDataMap();
        PatternJob job = PatternJob.byName(data.getString(JOB))
                .orElseThrow(() -> new IllegalStateException("unknown pattern job " + data.getString(JOB)));
        String period = data.containsKey(PERIOD)
                ? data.getString(PERIOD)
                : job.scheduledPeriod(LocalDate.ofInstant(context.getFireTime().toInstant(), runs.zone()));
        String request = data.containsKey(REQUEST)
                ? data.getString(REQUEST)
                : UUID.randomUUID().toString();
        String user = data.containsKey(USER) ? data.getString(USER) : "scheduler";
        runs.execute(
                job,
                period,
                request,
                user,
                () -> interrupted || Thread.currentThread().isInterrupted());
    }

    @Override
    public void interrupt() {
        interrupted = true;
    }
}
