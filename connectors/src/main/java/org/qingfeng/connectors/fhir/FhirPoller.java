package org.qingfeng.connectors.fhir;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.qingfeng.config.FhirSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one FHIR source: {@code _lastUpdated=ge<high-water mark − overlap>&_lastUpdated=lt<now − settle>
 * &_sort=_lastUpdated}, following {@code next} links. Each page is stored durably before the high-water mark moves
 * past it, so a stop at any point loses nothing: the next poll starts before the mark, and what is seen twice is a
 * duplicate by id + versionId. Resources updated within the settle window are left to the next poll.
 */
public final class FhirPoller {
    private static final Logger log = LoggerFactory.getLogger(FhirPoller.class);
    private static final int READ_CACHE = 2_000;

    /** Where the high-water marks are kept (the database). */
    public interface HighWaterMarks {
        Optional<Instant> get(String key);

        void put(String key, Instant value);
    }

    public record PollResult(int pages, int received, int stored, int duplicates, int rejected) {}

    private final FhirSource source;
    private final IGenericClient client;
    private final FhirReceiver receiver;
    private final HighWaterMarks marks;
    private final Clock clock;
    private final Map<String, Resource> readCache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Resource> eldest) {
            return size() > READ_CACHE;
        }
    };

    private final FhirAuditEvents.Sink audits;

    public FhirPoller(
            FhirSource source,
            IGenericClient client,
            FhirReceiver receiver,
            FhirAuditEvents.Sink audits,
            HighWaterMarks marks,
            Clock clock) {
        this.source = source;
        this.audits = audits;
        this.client = client;
        this.receiver = receiver;
        this.marks = marks;
        this.clock = clock;
    }

    public FhirSource source() {
        return source;
    }

    /** Reads referenced resources from the source, remembering recent ones (prescribers, medications repeat). */
    public FhirIngest.ResourceReader reader() {
        return key -> {
            synchronized (readCache) {
                Resource cached = readCache.get(key);
                if (cached != null) {
                    return Optional.of(cached);
                }
            }
            String[] parts = key.split("/");
            try {
                Resource r = (Resource)
                        client.read().resource(parts[0]).withId(parts[1]).execute();
                synchronized (readCache) {
                    readCache.put(key, r);
                }
                return Optional.of(r);
            } catch (ResourceNotFoundException e) {
                return Optional.empty();
            }
        };
    }

    /** One poll of every configured resource type; throws when the source or the store fails (retry later). */
    public PollResult pollOnce() throws FhirReceiver.StoreUnavailable {
        int pages = 0;
        int received = 0;
        int stored = 0;
        int duplicates = 0;
        int rejected = 0;
        for (String type : source.getResourceTypes()) {
            String key = "fhir-hwm:" + source.getId() + ":" + type;
            Optional<Instant> mark = marks.get(key);
            Instant from = mark.map(m -> m.minus(source.getOverlap())).orElse(Instant.EPOCH);
            Instant to = clock.instant().minus(source.getSettle());
            if (!from.isBefore(to)) {
                continue;
            }
            String url = source.getBaseUrl().replaceAll("/+$", "") + "/" + type + "?_lastUpdated=ge" + from
                    + "&_lastUpdated=lt" + to + "&_sort=_lastUpdated&_count=" + source.getPageSize();
            Bundle page = client.search().byUrl(url).returnBundle(Bundle.class).execute();
            Instant highest = mark.orElse(null);
            while (page != null) {
                pages++;
                List<String> unreadable = new ArrayList<>();
                List<Resource> resources = FhirIngest.resources(page, reader(), unreadable);
                List<org.qingfeng.monitors.stat.DataAccessEvent> auditEvents = resources.stream()
                        .filter(x -> x instanceof org.hl7.fhir.r4.model.AuditEvent)
                        .map(x -> FhirAuditEvents.toEvent((org.hl7.fhir.r4.model.AuditEvent) x))
                        .toList();
                if (!auditEvents.isEmpty()) {
                    audits.accept(auditEvents);
                    received += auditEvents.size();
                }
                FhirReceiver.Result r = receiver.accept(source, resources, reader(), clock.instant(), null);
                received += r.received();
                stored += r.stored();
                duplicates += r.duplicates();
                rejected += r.rejected().size();
                for (Resource res : resources) {
                    if (res.fhirType().equals(type) && res.getMeta().hasLastUpdated()) {
                        Instant u = res.getMeta().getLastUpdated().toInstant();
                        if (highest == null || u.isAfter(highest)) {
                            highest = u;
                        }
                    }
                }
                // the page is durable (journaled) before the mark moves past it
                if (highest != null && (mark.isEmpty() || highest.isAfter(mark.get()))) {
                    marks.put(key, highest);
                    mark = Optional.of(highest);
                }
                page = page.getLink(Bundle.LINK_NEXT) == null
                        ? null
                        : client.loadPage().next(page).execute();
            }
        }
        if (received > 0) {
            log.info(
                    "FHIR source {}: {} resources in {} pages, {} stored, {} duplicates, {} rejected",
                    source.getId(),
                    received,
                    pages,
                    stored,
                    duplicates,
                    rejected);
        }
        return new PollResult(pages, received, stored, duplicates, rejected);
    }
}
