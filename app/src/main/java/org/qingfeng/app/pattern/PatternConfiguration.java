package org.qingfeng.app.pattern;

import java.time.Clock;
import java.time.Duration;
import org.qingfeng.app.alert.AlertService;
import org.qingfeng.app.audit.AccessAudit;
import org.qingfeng.app.ops.PeriodicTask;
import org.qingfeng.app.persistence.UsageRollups;
import org.qingfeng.app.review.SamplingService;
import org.qingfeng.config.QingfengProperties;
import org.qingfeng.monitors.ReferenceData;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Wiring of the usage rollups, the pattern jobs and their Quartz schedules, reports and the access audit. */
@Configuration(proxyBeanMethods = false)
public class PatternConfiguration {

    @Bean
    UsageQueries usageQueries(JdbcTemplate jdbc, UsageRollups rollups) {
        return new UsageQueries(jdbc, rollups.zone());
    }

    @Bean
    PrescriberUsage prescriberUsage(
            UsageQueries queries,
            ReferenceData reference,
            org.qingfeng.app.stat.StatisticsAccessService statistics,
            JdbcTemplate jdbc,
            Clock clock,
            UsageRollups rollups) {
        return new PrescriberUsage(queries, reference, statistics, jdbc, clock, rollups.zone());
    }

    @Bean
    PatternJustifications patternJustifications(JdbcTemplate jdbc) {
        return new PatternJustifications(jdbc);
    }

    @Bean
    ReportRepository reportRepository(JdbcTemplate jdbc, Clock clock) {
        return new ReportRepository(jdbc, clock);
    }

    @Bean
    DoubleTenReports doubleTenReports(ReportRepository reports, AccessAudit audit, JsonMapper json) {
        return new DoubleTenReports(reports, audit, json);
    }

    @Bean
    AccessAudit accessAudit(JdbcTemplate jdbc, TransactionTemplate tx, Clock clock) {
        return new AccessAudit(jdbc, tx, clock);
    }

    @Bean
    PatternJobService patternJobService(
            UsageRollups rollups,
            UsageQueries queries,
            ReferenceData reference,
            AlertService alerts,
            PatternJustifications justifications,
            ReportRepository reports,
            QingfengProperties properties,
            JsonMapper json,
            Clock clock,
            SamplingService sampling) {
        return new PatternJobService(
                rollups, queries, reference, alerts, justifications, reports, properties, json, clock, sampling);
    }

    @Bean
    JobRuns jobRuns(JdbcTemplate jdbc, PatternJobService service, JsonMapper json, Clock clock, UsageRollups rollups) {
        return new JobRuns(jdbc, service, json, clock, rollups.zone());
    }

    @Bean
    JobScheduling jobScheduling(
            Scheduler scheduler, JobRuns runs, QingfengProperties properties, TransactionTemplate tx)
            throws SchedulerException {
        JobScheduling scheduling = new JobScheduling(scheduler, runs, properties, tx);
        scheduling.start();
        return scheduling;
    }

    /** Brings the usage rollups up to date every few seconds (pattern jobs also do it before they read them). */
    @Bean
    PeriodicTask rollupRefresher(
            UsageRollups rollups, @Value("${qingfeng.rollups.refresh-interval:5s}") Duration every) {
        return new PeriodicTask("rollups", every, every, rollups::refreshDirty);
    }
}
