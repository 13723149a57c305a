package org.qingfeng.app.config;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Base64;
import org.apache.camel.CamelContext;
import org.qingfeng.app.alert.AlertRepository;
import org.qingfeng.app.alert.AlertService;
import org.qingfeng.app.check.CheckService;
import org.qingfeng.app.ingest.PrescriptionEvaluator;
import org.qingfeng.app.ops.FeedWatch;
import org.qingfeng.app.ops.IngestMetrics;
import org.qingfeng.app.ops.MllpHealthIndicator;
import org.qingfeng.app.ops.PeriodicTask;
import org.qingfeng.app.persistence.DeadLetterRepository;
import org.qingfeng.app.persistence.InboundMessageRepository;
import org.qingfeng.app.persistence.InboundStore;
import org.qingfeng.app.persistence.MessageWriter;
import org.qingfeng.app.persistence.PrescriptionRepository;
import org.qingfeng.app.persistence.SettingsRepository;
import org.qingfeng.app.persistence.UsageRollups;
import org.qingfeng.app.persistence.journal.IngestJournal;
import org.qingfeng.app.reference.ReferenceCache;
import org.qingfeng.app.reference.ReferenceImportService;
import org.qingfeng.app.reference.ReferenceRepository;
import org.qingfeng.app.review.ReviewRepository;
import org.qingfeng.app.review.ReviewService;
import org.qingfeng.app.review.SamplingService;
import org.qingfeng.app.security.AdminBootstrap;
import org.qingfeng.app.security.UserAccounts;
import org.qingfeng.config.IngestProperties;
import org.qingfeng.config.QingfengProperties;
import org.qingfeng.connectors.fhir.FhirPrescriptionMapper;
import org.qingfeng.connectors.hl7.Hl7Codec;
import org.qingfeng.connectors.hl7.Hl7InboundProcessor;
import org.qingfeng.connectors.hl7.Hl7PrescriptionMapper;
import org.qingfeng.connectors.mllp.MllpFeedRoutes;
import org.qingfeng.connectors.privacy.PatientPseudonymizer;
import org.qingfeng.monitors.PrescriptionMonitor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.validation.annotation.Validated;
import tools.jackson.databind.json.JsonMapper;

/** Wires the plain-Java modules (config, monitors, connectors) into the application. */
@Configuration(proxyBeanMethods = false)
public class QingfengConfiguration {

    @Bean
    @ConfigurationProperties("qingfeng")
    @Validated
    QingfengProperties qingfengProperties() {
        return new QingfengProperties();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ReferenceRepository referenceRepository(JdbcTemplate jdbc) {
        return new ReferenceRepository(jdbc);
    }

    @Bean
    ReferenceCache referenceCache(ReferenceRepository repository) {
        ReferenceCache cache = new ReferenceCache(repository);
        cache.reload();
        return cache;
    }

    @Bean
    ReferenceImportService referenceImportService(
            ReferenceRepository repository, ReferenceCache cache, TransactionTemplate tx) {
        return new ReferenceImportService(repository, cache, tx);
    }

    @Bean
    DemoDataLoader demoDataLoader(QingfengProperties properties, ReferenceCache cache, ReferenceImportService imports) {
        return new DemoDataLoader(properties.getDemo(), cache, imports);
    }

    @Bean
    PrescriptionMonitor prescriptionMonitor(QingfengProperties properties, ReferenceCache reference) {
        return new PrescriptionMonitor(PrescriptionMonitor.defaultRules(), properties, reference);
    }

    @Bean
    PatientPseudonymizer patientPseudonymizer(QingfengProperties properties, SettingsRepository settings) {
        String key = properties.getPrivacy().getPatientIdKey();
        if (key == null || key.isBlank()) {
            // Without a configured key, one random key is made on first start and kept, so pseudonyms stay stable.
            key = settings.get("patient-id-key").orElseGet(() -> {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                String made = Base64.getEncoder().encodeToString(random);
                settings.put("patient-id-key", made);
                return made;
            });
        }
        return new PatientPseudonymizer(key.getBytes(StandardCharsets.UTF_8));
    }

    @Bean
    DeadLetterRepository deadLetterRepository(JdbcTemplate jdbc, Clock clock) {
        return new DeadLetterRepository(jdbc, clock);
    }

    @Bean
    PrescriptionRepository prescriptionRepository(JdbcTemplate jdbc) {
        return new PrescriptionRepository(jdbc);
    }

    @Bean
    InboundMessageRepository inboundMessageRepository(JdbcTemplate jdbc, JsonMapper json, SettingsRepository settings) {
        return new InboundMessageRepository(jdbc, json, settings);
    }

    @Bean
    AlertRepository alertRepository(JdbcTemplate jdbc) {
        return new AlertRepository(jdbc);
    }

    @Bean
    AlertService alertService(
            AlertRepository alerts, TransactionTemplate tx, JsonMapper json, MeterRegistry meters, Clock clock) {
        return new AlertService(alerts, tx, json, meters, clock);
    }

    @Bean
    PrescriptionEvaluator prescriptionEvaluator(
            PrescriptionRepository prescriptions,
            InboundMessageRepository messages,
            PrescriptionMonitor monitor,
            AlertService alerts,
            TransactionTemplate tx,
            QingfengProperties properties,
            MeterRegistry meters) {
        return new PrescriptionEvaluator(prescriptions, messages, monitor, alerts, tx, properties, meters);
    }

    @Bean
    CheckService checkService(
            PrescriptionMonitor monitor, PrescriptionRepository prescriptions, QingfengProperties properties) {
        return new CheckService(monitor, prescriptions, properties);
    }

    /** Thread-safe and costly to build: one per application. */
    @Bean
    FhirContext fhirContext() {
        return FhirContext.forR4();
    }

    @Bean
    FhirPrescriptionMapper fhirPrescriptionMapper(
            ReferenceCache reference, PatientPseudonymizer pseudonymizer, QingfengProperties properties) {
        String system = properties.getCheck().getDrugCodeSystem();
        return new FhirPrescriptionMapper(reference, pseudonymizer, system == null || system.isBlank() ? null : system);
    }

    @Bean
    FeedWatch feedWatch(
            JdbcTemplate jdbc,
            AlertService alerts,
            QingfengProperties properties,
            Clock clock,
            @Value("${qingfeng.time-zone:Asia/Shanghai}") String zone) {
        return new FeedWatch(jdbc, alerts, properties, clock, ZoneId.of(zone));
    }

    /** Checks the feeds for silence every minute. */
    @Bean
    PeriodicTask feedWatchTask(FeedWatch feedWatch, Clock clock) {
        return new PeriodicTask(
                "feed-watch", Duration.ofMinutes(1), Duration.ofMinutes(1), () -> feedWatch.check(clock.instant()));
    }

    @Bean
    ReviewRepository reviewRepository(JdbcTemplate jdbc) {
        return new ReviewRepository(jdbc);
    }

    @Bean
    ReviewService reviewService(
            AlertRepository alerts,
            AlertService alertService,
            ReviewRepository reviews,
            ReferenceCache reference,
            QingfengProperties properties,
            TransactionTemplate tx,
            Clock clock) {
        return new ReviewService(alerts, alertService, reviews, reference, properties, tx, clock);
    }

    @Bean
    SamplingService samplingService(
            JdbcTemplate jdbc,
            ReviewRepository reviews,
            ReviewService reviewService,
            QingfengProperties properties,
            TransactionTemplate tx,
            Clock clock,
            @Value("${qingfeng.time-zone:Asia/Shanghai}") String zone) {
        return new SamplingService(jdbc, reviews, reviewService, properties.getReview(), tx, clock, ZoneId.of(zone));
    }

    @Bean
    SettingsRepository settingsRepository(JdbcTemplate jdbc) {
        return new SettingsRepository(jdbc);
    }

    @Bean
    IngestJournal ingestJournal(QingfengProperties properties) {
        IngestProperties ingest = properties.getIngest();
        return new IngestJournal(
                Path.of(ingest.getJournalDir()), ingest.getJournalSegmentMb() * 1024L * 1024L, ingest.isJournalFsync());
    }

    @Bean
    InboundStore inboundStore(
            IngestJournal journal,
            JdbcTemplate jdbc,
            JsonMapper json,
            DeadLetterRepository deadLetters,
            SettingsRepository settings,
            TransactionTemplate tx,
            QingfengProperties properties,
            PrescriptionEvaluator evaluator,
            UsageRollups rollups) {
        return new InboundStore(
                journal,
                new MessageWriter(jdbc, json, rollups),
                deadLetters,
                settings,
                tx,
                properties.getIngest(),
                evaluator);
    }

    @Bean
    UsageRollups usageRollups(
            JdbcTemplate jdbc,
            TransactionTemplate tx,
            @Value("${qingfeng.time-zone:Asia/Shanghai}") String zone,
            @Value("${qingfeng.rollups.rebuild-threads:2}") int threads,
            ReferenceCache reference) {
        return new UsageRollups(jdbc, tx, ZoneId.of(zone), threads, reference);
    }

    @Bean
    IngestMetrics ingestMetrics(MeterRegistry meters) {
        return new IngestMetrics(meters);
    }

    @Bean
    Hl7InboundProcessor hl7InboundProcessor(
            ReferenceCache reference,
            PatientPseudonymizer pseudonymizer,
            InboundStore store,
            IngestMetrics metrics,
            QingfengProperties properties,
            Clock clock,
            @Value("${qingfeng.time-zone:Asia/Shanghai}") String zone) {
        Hl7PrescriptionMapper mapper = new Hl7PrescriptionMapper(reference, pseudonymizer, ZoneId.of(zone));
        return new Hl7InboundProcessor(
                new Hl7Codec(), mapper, store, metrics, properties.getIngest().getStoreTimeoutMillis(), clock);
    }

    @Bean
    MllpFeedRoutes mllpFeedRoutes(QingfengProperties properties, Hl7InboundProcessor processor) {
        return new MllpFeedRoutes(properties.getMllp().getFeeds(), processor);
    }

    @Bean("mllp")
    MllpHealthIndicator mllpHealthIndicator(CamelContext camel, QingfengProperties properties, InboundStore store) {
        return new MllpHealthIndicator(camel, properties.getMllp().getFeeds(), store);
    }

    @Bean
    UserAccounts userAccounts(JdbcTemplate jdbc, PasswordEncoder encoder, Clock clock) {
        return new UserAccounts(jdbc, encoder, clock);
    }

    @Bean
    AdminBootstrap adminBootstrap(UserAccounts accounts, @Value("${QINGFENG_ADMIN_PASSWORD:}") String password) {
        AdminBootstrap bootstrap = new AdminBootstrap(accounts, password);
        bootstrap.run();
        return bootstrap;
    }
}
