package org.qingfeng.app.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Resource;
import org.qingfeng.config.FhirSource;
import org.qingfeng.connectors.fhir.FhirAuditEvents;
import org.qingfeng.connectors.fhir.FhirIngest;
import org.qingfeng.connectors.fhir.FhirReceiver;
import org.qingfeng.monitors.stat.DataAccessEvent;

/**
 * Handles one rest-hook delivery (or the replay of a dead letter): an empty ping, a Bundle (history or notification
 * bundle, full-resource or id-only) or a single resource. Answers with an HTTP status and an OperationOutcome: 200 once
 * stored; 400 for a payload that is not FHIR; 422 for content that cannot be used, naming the element; 503 when the
 * store could not confirm (deliver again). Whatever is refused is kept as a dead letter.
 */
public class FhirNotifications {

    public record Answer(int status, OperationOutcome outcome, int stored, int duplicates, int rejected) {}

    private final FhirContext fhir;
    private final FhirReceiver receiver;
    private final FhirSources sources;
    private final Clock clock;
    private final FhirAuditEvents.Sink auditSink;

    public FhirNotifications(
            FhirContext fhir, FhirReceiver receiver, FhirSources sources, FhirAuditEvents.Sink auditSink, Clock clock) {
        this.fhir = fhir;
        this.auditSink = auditSink;
        this.receiver = receiver;
        this.sources = sources;
        this.clock = clock;
    }

    public Answer handle(
            FhirSource source, byte[] body, boolean xml, String expectedType, String expectedId, Long replayOf) {
        Instant receivedAt = clock.instant();
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return new Answer(
                    200,
                    outcome(OperationOutcome.IssueSeverity.INFORMATION, "informational", null, "heartbeat received"),
                    0,
                    0,
                    0);
        }
        IBaseResource parsed;
        try {
            IParser parser = xml ? fhir.newXmlParser() : fhir.newJsonParser();
            parsed = parser.parseResource(text);
        } catch (DataFormatException e) {
            long id = receiver.refuse(
                    source, body, "AR", "$", "not a FHIR R4 resource: " + e.getMessage(), receivedAt, replayOf);
            return refused(400, "structure", "$", "the payload is not a FHIR R4 resource: " + e.getMessage(), id);
        }
        List<Resource> resources = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        FhirIngest.ResourceReader reader = sources.reader(source);
        if (parsed instanceof Bundle bundle) {
            resources.addAll(FhirIngest.resources(bundle, reader, unreadable));
        } else if (parsed instanceof MedicationRequest || parsed instanceof MedicationDispense) {
            Resource single = (Resource) parsed;
            if (expectedType != null
                    && (!single.fhirType().equals(expectedType)
                            || !single.getIdElement().getIdPart().equals(expectedId))) {
                String element = single.fhirType() + ".id";
                long id = receiver.refuse(
                        source,
                        body,
                        "AE",
                        element,
                        "the body is " + single.fhirType() + "/"
                                + single.getIdElement().getIdPart() + ", the URL names " + expectedType + "/"
                                + expectedId,
                        receivedAt,
                        replayOf);
                return refused(422, "invalid", element, "the body does not match the URL", id);
            }
            resources.add(single);
        } else if (parsed instanceof AuditEvent audit) {
            resources.add(audit);
        } else if (parsed instanceof Parameters) {
            // an R4 backport subscription-status notification without resources: a heartbeat or handshake
            return new Answer(
                    200,
                    outcome(
                            OperationOutcome.IssueSeverity.INFORMATION,
                            "informational",
                            null,
                            "status notification received"),
                    0,
                    0,
                    0);
        } else {
            String type = ((Resource) parsed).fhirType();
            long id = receiver.refuse(
                    source,
                    body,
                    "AR",
                    type,
                    type
                            + " is not taken here; send MedicationRequest, MedicationDispense, AuditEvent or a Bundle of them",
                    receivedAt,
                    replayOf);
            return refused(
                    422,
                    "not-supported",
                    type,
                    type
                            + " is not taken here; send MedicationRequest, MedicationDispense, AuditEvent or a Bundle of them",
                    id);
        }
        if (!unreadable.isEmpty()) {
            long id = receiver.refuse(
                    source,
                    body,
                    "AE",
                    "Bundle.entry.fullUrl",
                    "could not read " + unreadable + " from the source",
                    receivedAt,
                    replayOf);
            return refused(
                    422,
                    "not-found",
                    "Bundle.entry.fullUrl",
                    "could not read " + unreadable + " from the source " + source.getId(),
                    id);
        }
        List<DataAccessEvent> audits = resources.stream()
                .filter(r -> r instanceof AuditEvent)
                .map(r -> FhirAuditEvents.toEvent((AuditEvent) r))
                .toList();
        if (!audits.isEmpty()) {
            auditSink.accept(audits);
        }
        FhirReceiver.Result result;
        try {
            result = receiver.accept(source, resources, reader, receivedAt, replayOf);
        } catch (FhirReceiver.StoreUnavailable e) {
            return new Answer(
                    503, outcome(OperationOutcome.IssueSeverity.ERROR, "transient", null, e.getMessage()), 0, 0, 0);
        }
        OperationOutcome oo = outcome(
                OperationOutcome.IssueSeverity.INFORMATION,
                "informational",
                null,
                result.stored() + " stored, " + result.duplicates() + " already stored, "
                        + result.rejected().size() + " refused"
                        + (audits.isEmpty() ? "" : ", " + audits.size() + " AuditEvents checked"));
        for (FhirReceiver.RejectedResource r : result.rejected()) {
            oo.addIssue()
                    .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                    .setCode(OperationOutcome.IssueType.INVALID)
                    .setDiagnostics(r.resourceKey() + ": " + r.reason() + " (dead letter " + r.deadLetterId() + ")")
                    .addExpression(r.element());
        }
        return new Answer(
                result.rejected().isEmpty() ? 200 : 422,
                oo,
                result.stored(),
                result.duplicates(),
                result.rejected().size());
    }

    public String encode(OperationOutcome oo) {
        return fhir.newJsonParser().encodeResourceToString(oo);
    }

    private Answer refused(int status, String code, String element, String detail, long deadLetterId) {
        OperationOutcome oo = outcome(
                OperationOutcome.IssueSeverity.ERROR, code, element, detail + " (dead letter " + deadLetterId + ")");
        return new Answer(status, oo, 0, 0, 1);
    }

    static OperationOutcome outcome(OperationOutcome.IssueSeverity severity, String code, String element, String text) {
        OperationOutcome oo = new OperationOutcome();
        OperationOutcome.OperationOutcomeIssueComponent issue = oo.addIssue()
                .setSeverity(severity)
                .setCode(OperationOutcome.IssueType.fromCode(code))
                .setDiagnostics(text);
        if (element != null) {
            issue.addExpression(element);
        }
        return oo;
    }
}
