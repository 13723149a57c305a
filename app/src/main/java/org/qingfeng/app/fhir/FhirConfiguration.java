package org.qingfeng.app.fhir;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.qingfeng.app.ops.IngestMetrics;
import org.qingfeng.app.persistence.InboundStore;
import org.qingfeng.app.persistence.SettingsRepository;
import org.qingfeng.app.reference.ReferenceCache;
import org.qingfeng.app.stat.StatisticsAccessService;
import org.qingfeng.config.QingfengProperties;
import org.qingfeng.connectors.fhir.FhirAuditEvents;
import org.qingfeng.connectors.fhir.FhirIngest;
import org.qingfeng.connectors.fhir.FhirPoller;
import org.qingfeng.connectors.fhir.FhirPrescriptionMapper;
import org.qingfeng.connectors.fhir.FhirReceiver;
import org.qingfeng.connectors.privacy.PatientPseudonymizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The FHIR R4 feed: receiver, sources with their pollers, and the polling schedule. */
@Configuration(proxyBeanMethods = false)
public class FhirConfiguration {

    @Bean
    FhirReceiver fhirReceiver(
            FhirContext fhir,
            ReferenceCache reference,
            PatientPseudonymizer pseudonymizer,
            InboundStore store,
            IngestMetrics metrics,
            QingfengProperties properties) {
        String system = properties.getFhir().getDrugCodeSystem();
        FhirPrescriptionMapper mapper = new FhirPrescriptionMapper(
                reference, pseudonymizer, system == null || system.isBlank() ? null : system);
        return new FhirReceiver(
                new FhirIngest(mapper, fhir), store, properties.getIngest().getStoreTimeoutMillis(), metrics);
    }

    /** High-water marks of the pollers, one row each in {@code app_setting}. */
    @Bean
    FhirPoller.HighWaterMarks fhirHighWaterMarks(SettingsRepository settings) {
        return new FhirPoller.HighWaterMarks() {
            @Override
            public Optional<Instant> get(String key) {
                return settings.get(key).map(Instant::parse);
            }

            @Override
            public void put(String key, Instant value) {
                settings.put(key, value.toString());
            }
        };
    }

    @Bean
    FhirSources fhirSources(
            QingfengProperties properties,
            FhirContext fhir,
            FhirReceiver receiver,
            FhirAuditEvents.Sink audits,
            FhirPoller.HighWaterMarks marks,
            Clock clock) {
        return new FhirSources(properties, fhir, receiver, audits, marks, clock);
    }

    /** AuditEvents delivered by a FHIR source go to the anti-统方 checks. */
    @Bean
    FhirAuditEvents.Sink fhirAuditEventSink(StatisticsAccessService statistics) {
        return events -> statistics.process(events, null);
    }

    @Bean
    FhirNotifications fhirNotifications(
            FhirContext fhir, FhirReceiver receiver, FhirSources sources, FhirAuditEvents.Sink audits, Clock clock) {
        return new FhirNotifications(fhir, receiver, sources, audits, clock);
    }

    @Bean
    FhirPolling fhirPolling(FhirSources sources) {
        return new FhirPolling(sources);
    }
}
