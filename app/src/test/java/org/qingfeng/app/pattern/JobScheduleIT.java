package org.qingfeng.app.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.qingfeng.app.QingfengApplication;
import org.qingfeng.app.support.FreePorts;
import org.quartz.CronTrigger;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Schedules come from {@code qingfeng.schedules.<job>}: a changed cron reschedules the job in the Quartz store (also
 * over an earlier start with the default), "-" unschedules it, and a bad name or cron stops start-up naming the key.
 */
@ExtendWith(OutputCaptureExtension.class)
class JobScheduleIT {

    @TempDir
    Path dir;

    private ConfigurableApplicationContext start(String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("db")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                "--server.port=" + FreePorts.next(),
                "--qingfeng.ingest.journal-dir=" + dir.resolve("journal"),
                "--qingfeng.mllp.feeds[0].port=" + FreePorts.next(),
                "--qingfeng.mllp.feeds[0].bind-address=127.0.0.1"));
        args.addAll(List.of(extra));
        return new SpringApplication(QingfengApplication.class).run(args.toArray(String[]::new));
    }

    private static String cron(ConfigurableApplicationContext app, String job) throws Exception {
        Scheduler scheduler = app.getBean(Scheduler.class);
        Trigger t = scheduler.getTrigger(
                JobScheduling.triggerKey(PatternJob.byName(job).orElseThrow()));
        return t == null ? null : ((CronTrigger) t).getCronExpression();
    }

    @Test
    void aScheduleChangedByConfigurationReschedulesTheJob() throws Exception {
        try (ConfigurableApplicationContext app = start()) {
            assertThat(cron(app, "usage-surge")).isEqualTo("0 15 1 * * ?");
            assertThat(cron(app, "vbp-share")).isEqualTo("0 30 3 1 * ?");
        }
        try (ConfigurableApplicationContext app =
                start("--qingfeng.schedules.usage-surge=0 0 5 * * ?", "--qingfeng.schedules.vbp-share=-")) {
            assertThat(cron(app, "usage-surge")).isEqualTo("0 0 5 * * ?");
            assertThat(cron(app, "vbp-share")).as("'-' unschedules").isNull();
            assertThat(cron(app, "double-ten")).isEqualTo("0 0 2 1 * ?");
            CronTrigger surge = (CronTrigger)
                    app.getBean(Scheduler.class).getTrigger(JobScheduling.triggerKey(PatternJob.USAGE_SURGE));
            assertThat(surge.getTimeZone().getID()).isEqualTo("Asia/Shanghai");
            assertThat(surge.getMisfireInstruction()).isEqualTo(CronTrigger.MISFIRE_INSTRUCTION_DO_NOTHING);
        }
    }

    @Test
    void aBadScheduleStopsStartUpNamingTheKey(CapturedOutput output) {
        assertThatThrownBy(() -> start("--qingfeng.schedules.double-ten=every night"))
                .isInstanceOf(Exception.class);
        assertThat(output.getAll()).contains("qingfeng.schedules.double-ten").contains("not a Quartz cron expression");
        assertThatThrownBy(() -> start("--qingfeng.schedules.weekly-report=0 0 1 * * ?"))
                .isInstanceOf(Exception.class);
        assertThat(output.getAll()).contains("qingfeng.schedules.weekly-report: no such job");
    }
}
