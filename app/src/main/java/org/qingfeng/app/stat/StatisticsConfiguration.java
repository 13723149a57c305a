package org.qingfeng.app.stat;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.qingfeng.app.alert.AlertService;
import org.qingfeng.app.audit.AccessAudit;
import org.qingfeng.app.ops.PeriodicTask;
import org.qingfeng.app.persistence.InboundStore;
import org.qingfeng.app.persistence.SettingsRepository;
import org.qingfeng.app.reference.ReferenceCache;
import org.qingfeng.config.QingfengProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Anti-统方: the statistics-access service and one tailer per configured audit log. */
@Configuration(proxyBeanMethods = false)
public class StatisticsConfiguration {

    @Bean
    StatisticsAccessService statisticsAccessService(
            JdbcTemplate jdbc,
            ReferenceCache reference,
            AlertService alerts,
            QingfengProperties properties,
            TransactionTemplate tx,
            AccessAudit audit,
            @Value("${qingfeng.time-zone:Asia/Shanghai}") String zone) {
        return new StatisticsAccessService(
                jdbc,
                reference,
                alerts,
                properties,
                tx,
                ZoneId.of(zone),
                RepContacts.NONE,
                OpenCases.escalatedAlerts(jdbc),
                audit);
    }

    /** Terminal uses older than 30 days attribute nothing any more: pruned every hour. */
    @Bean
    PeriodicTask terminalPresencePruning(StatisticsAccessService service, Clock clock) {
        return new PeriodicTask(
                "presence-pruning",
                Duration.ofMinutes(1),
                Duration.ofHours(1),
                () -> service.prunePresence(clock.instant(), Duration.ofDays(30)));
    }

    @Bean
    DataAccessJson dataAccessJson(JsonMapper json) {
        return new DataAccessJson(json);
    }

    @Bean
    AuditIntake auditIntake(
            QingfengProperties properties,
            StatisticsAccessService service,
            InboundStore store,
            DataAccessJson json,
            Clock clock,
            @Value("${qingfeng.time-zone:Asia/Shanghai}") String zone,
            org.qingfeng.app.persistence.SettingsRepository settings) {
        return new AuditIntake(properties.getDataAccess(), service, store, json, clock, ZoneId.of(zone), settings);
    }

    /** The tailers, started after the database and stopped before it. */
    @Bean
    SmartLifecycle auditLogTailers(
            QingfengProperties properties,
            StatisticsAccessService service,
            SettingsRepository settings,
            InboundStore store,
            DataAccessJson json,
            Clock clock,
            MeterRegistry meters,
            @Value("${qingfeng.time-zone:Asia/Shanghai}") String zone) {
        List<AuditLogTailer> tailers = properties.getDataAccess().getFiles().stream()
                .map(f -> new AuditLogTailer(f, service, settings, store, json, clock, ZoneId.of(zone), meters))
                .toList();
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                tailers.forEach(AuditLogTailer::start);
                running = true;
            }

            @Override
            public void stop() {
                tailers.forEach(AuditLogTailer::stop);
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }
        };
    }
}
