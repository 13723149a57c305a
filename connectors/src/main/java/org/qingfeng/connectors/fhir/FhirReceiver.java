package org.qingfeng.connectors.fhir;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hl7.fhir.r4.model.Resource;
import org.qingfeng.config.FhirSource;
import org.qingfeng.connectors.hl7.Hl7Header;
import org.qingfeng.connectors.hl7.InboundMessage;
import org.qingfeng.connectors.hl7.InboundSink;
import org.qingfeng.connectors.hl7.IngestObserver;
import org.qingfeng.connectors.hl7.RejectedMessage;

/**
 * Stores what a FHIR source delivered, by notification or by poll: every mappable MedicationRequest version through the
 * same durable store as HL7 messages (answered only once durable), every unmappable one as a dead letter with the
 * element and reason.
 */
public final class FhirReceiver {

    /** The store did not confirm in time or failed: the sender must deliver again. */
    public static final class StoreUnavailable extends Exception {
        public StoreUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** One rejected resource and the dead letter that keeps it. */
    public record RejectedResource(String resourceKey, String element, String reason, long deadLetterId) {}

    public record Result(int received, int stored, int duplicates, List<RejectedResource> rejected) {}

    private final FhirIngest ingest;
    private final InboundSink sink;
    private final long storeTimeoutMillis;
    private final IngestObserver observer;

    public FhirReceiver(FhirIngest ingest, InboundSink sink, long storeTimeoutMillis, IngestObserver observer) {
        this.ingest = ingest;
        this.sink = sink;
        this.storeTimeoutMillis = storeTimeoutMillis;
        this.observer = observer;
    }

    /** The feed id a source's messages and dead letters are filed under. */
    public static String feedId(FhirSource source) {
        return "fhir:" + source.getId();
    }

    public Result accept(
            FhirSource source,
            List<Resource> resources,
            FhirIngest.ResourceReader reader,
            Instant receivedAt,
            Long replayOf)
            throws StoreUnavailable {
        long start = System.nanoTime();
        FhirIngest.Outcome outcome = ingest.toMessages(
                feedId(source), source.getFacility(), source.getPatientIdAuthority(), resources, reader, receivedAt);
        List<CompletableFuture<InboundSink.StoreOutcome>> futures = new ArrayList<>();
        for (InboundMessage m : outcome.messages()) {
            futures.add(sink.store(m));
        }
        int stored = 0;
        int duplicates = 0;
        List<String> storedTypes = new ArrayList<>();
        List<String> duplicateTypes = new ArrayList<>();
        int index = 0;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(storeTimeoutMillis);
        for (CompletableFuture<InboundSink.StoreOutcome> f : futures) {
            try {
                InboundSink.StoreOutcome o = f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                String type = outcome.messages().get(index++).header().messageType();
                if (o == InboundSink.StoreOutcome.DUPLICATE) {
                    duplicates++;
                    duplicateTypes.add(type);
                } else {
                    stored++;
                    storedTypes.add(type);
                }
            } catch (ExecutionException | TimeoutException e) {
                observer.answered(feedId(source), "MedicationRequest", "error", System.nanoTime() - start);
                throw new StoreUnavailable("storing the resources failed; deliver them again", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreUnavailable("interrupted while storing", e);
            }
        }
        List<RejectedResource> rejected = new ArrayList<>();
        for (FhirIngest.Rejected r : outcome.rejected()) {
            long id = sink.deadLetter(
                    rejection(source, r.resourceKey(), r.json(), "AE", r.element(), r.reason(), receivedAt, replayOf));
            rejected.add(new RejectedResource(r.resourceKey(), r.element(), r.reason(), id));
        }
        long nanos = System.nanoTime() - start;
        storedTypes.forEach(t -> observer.answered(feedId(source), t, "accepted", nanos));
        duplicateTypes.forEach(t -> observer.answered(feedId(source), t, "duplicate", nanos));
        for (RejectedResource r : rejected) {
            observer.answered(feedId(source), r.resourceKey().split("/")[0], "error", nanos);
        }
        return new Result(outcome.messages().size() + outcome.rejected().size(), stored, duplicates, rejected);
    }

    /** A payload refused as a whole (unparseable, wrong type), kept as a dead letter; returns its id. */
    public long refuse(
            FhirSource source,
            byte[] payload,
            String code,
            String element,
            String reason,
            Instant receivedAt,
            Long replayOf) {
        return sink.deadLetter(rejection(source, null, payload, code, element, reason, receivedAt, replayOf));
    }

    private static RejectedMessage rejection(
            FhirSource source,
            String resourceKey,
            byte[] payload,
            String code,
            String element,
            String reason,
            Instant receivedAt,
            Long replayOf) {
        Hl7Header header = new Hl7Header(
                feedId(source),
                source.getFacility(),
                resourceKey == null ? null : resourceKey.split("/")[0],
                null,
                resourceKey,
                "P",
                "R4",
                null);
        return new RejectedMessage(
                feedId(source),
                payload == null ? new byte[0] : payload,
                StandardCharsets.UTF_8.name(),
                receivedAt,
                header,
                code,
                element,
                reason,
                replayOf);
    }
}
