package org.qingfeng.connectors.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.qingfeng.connectors.hl7.Hl7Header;
import org.qingfeng.connectors.hl7.InboundMessage;
import org.qingfeng.connectors.hl7.LineKind;
import org.qingfeng.connectors.hl7.MappedMessage;

/**
 * Turns FHIR resources received from a source (a notification, a search page) into the stored-message form the HL7
 * path uses: one message per MedicationRequest version, whose control ID is {@code MedicationRequest/<id>/_history/
 * <version>} so that a version seen twice (notification and poll, or overlapping polls) is recognised as a duplicate.
 * References the resources do not carry are read from the source.
 */
public final class FhirIngest {

    /** Reads one resource ({@code Type/id}) from the source, or empty when it cannot. */
    public interface ResourceReader {
        Optional<Resource> read(String typeAndId);

        ResourceReader NONE = key -> Optional.empty();
    }

    /** One MedicationRequest that could not be mapped, with its JSON for the dead letter. */
    public record Rejected(String resourceKey, String element, String reason, byte[] json) {}

    public record Outcome(List<InboundMessage> messages, List<Rejected> rejected) {}

    private final FhirPrescriptionMapper mapper;
    private final IParser json;

    public FhirIngest(FhirPrescriptionMapper mapper, FhirContext fhir) {
        this.mapper = mapper;
        this.json = fhir.newJsonParser();
    }

    /**
     * @param feedId the feed the messages are filed under ({@code fhir:<source>})
     * @param resources the received resources: MedicationRequests, and what they refer to
     */
    public Outcome toMessages(
            String feedId,
            String facility,
            String patientIdAuthority,
            List<Resource> resources,
            ResourceReader reader,
            Instant receivedAt) {
        Map<String, Resource> known = new HashMap<>();
        List<MedicationRequest> requests = new ArrayList<>();
        List<MedicationDispense> dispenses = new ArrayList<>();
        for (Resource r : resources) {
            if (r instanceof MedicationDispense md) {
                dispenses.add(md);
            } else if (r instanceof MedicationRequest mr) {
                requests.add(mr);
            }
            if (r.getIdElement().hasIdPart()) {
                known.put(r.fhirType() + "/" + r.getIdElement().getIdPart(), r);
            }
        }
        List<InboundMessage> messages = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        for (MedicationRequest mr : requests) {
            resolve(mr, known, reader);
            FhirPrescriptionMapper.Result mapped = mapper.map(List.of(mr), known, facility, patientIdAuthority);
            add(mr, LineKind.ORDER, mapped, feedId, facility, receivedAt, messages, rejected);
        }
        for (MedicationDispense md : dispenses) {
            if (md.hasAuthorizingPrescription()
                    && fetch(md.getAuthorizingPrescriptionFirstRep(), known, reader) instanceof MedicationRequest mr) {
                resolve(mr, known, reader);
            }
            if (md.hasMedicationReference()) {
                fetch(md.getMedicationReference(), known, reader);
            }
            FhirPrescriptionMapper.Result mapped =
                    mapper.mapDispenses(List.of(md), known, facility, patientIdAuthority);
            add(md, LineKind.DISPENSE, mapped, feedId, facility, receivedAt, messages, rejected);
        }
        return new Outcome(messages, rejected);
    }

    /** One resource as a stored message when it mapped, else as a rejection naming the element. */
    private void add(
            DomainResource resource,
            LineKind kind,
            FhirPrescriptionMapper.Result mapped,
            String feedId,
            String facility,
            Instant receivedAt,
            List<InboundMessage> messages,
            List<Rejected> rejected) {
        String type = resource.fhirType();
        String key = type + "/" + resource.getIdElement().getIdPart();
        byte[] raw = json.encodeResourceToString(resource).getBytes(StandardCharsets.UTF_8);
        if (!mapped.ok()) {
            FhirPrescriptionMapper.Problem p = mapped.problems().get(0);
            rejected.add(new Rejected(key, p.element().replace(type + "[0]", type), p.reason(), raw));
            return;
        }
        Hl7Header header = new Hl7Header(
                feedId,
                facility,
                type,
                null,
                key + "/_history/" + version(resource),
                "P",
                "R4",
                resource.getMeta().hasLastUpdated()
                        ? resource.getMeta().getLastUpdated().toInstant().toString()
                        : null);
        messages.add(new InboundMessage(
                feedId, raw, "UTF-8", receivedAt, new MappedMessage(header, kind, mapped.prescriptions()), null));
    }

    /** The version a duplicate is recognised by: versionId, else lastUpdated, else the content itself. */
    private String version(DomainResource mr) {
        if (mr.getMeta().hasVersionId()) {
            return mr.getMeta().getVersionId();
        }
        if (mr.getMeta().hasLastUpdated()) {
            return mr.getMeta().getLastUpdated().toInstant().toString();
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(json.encodeResourceToString(mr).getBytes(StandardCharsets.UTF_8));
            return "sha256-" + java.util.HexFormat.of().formatHex(digest, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads what the request refers to and the bundle did not carry: prescriber, role, medication, encounter. */
    private static void resolve(MedicationRequest mr, Map<String, Resource> known, ResourceReader reader) {
        List<Reference> refs = new ArrayList<>();
        if (mr.hasRequester() && mr.getRequester().hasReference()) {
            refs.add(mr.getRequester());
        }
        if (mr.hasMedicationReference()) {
            refs.add(mr.getMedicationReference());
        }
        if (mr.hasEncounter()) {
            refs.add(mr.getEncounter());
        }
        for (Reference ref : refs) {
            Resource r = fetch(ref, known, reader);
            if (r instanceof PractitionerRole role && role.hasPractitioner()) {
                fetch(role.getPractitioner(), known, reader);
            }
        }
        for (Resource contained : mr.getContained()) {
            if (contained instanceof DomainResource) {
                known.putIfAbsent(
                        contained.fhirType() + "/" + contained.getIdElement().getIdPart(), contained);
            }
        }
    }

    private static Resource fetch(Reference ref, Map<String, Resource> known, ResourceReader reader) {
        if (!ref.getReferenceElement().hasResourceType()
                || !ref.getReferenceElement().hasIdPart()) {
            return null;
        }
        String key = FhirValues.key(ref);
        Resource r = known.get(key);
        if (r == null) {
            r = reader.read(key).orElse(null);
            if (r != null) {
                known.put(key, r);
            }
        }
        return r;
    }

    /** The resources of a bundle; entries that carry only a fullUrl (id-only notifications) are read from the source. */
    public static List<Resource> resources(Bundle bundle, ResourceReader reader, List<String> unreadable) {
        List<Resource> out = new ArrayList<>();
        for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
            if (e.hasResource()) {
                out.add(e.getResource());
            } else if (e.hasFullUrl()) {
                String[] parts = e.getFullUrl().replaceAll("/_history/.*$", "").split("/");
                if (parts.length >= 2) {
                    String key = parts[parts.length - 2] + "/" + parts[parts.length - 1];
                    Optional<Resource> read = reader.read(key);
                    if (read.isPresent()) {
                        out.add(read.get());
                    } else {
                        unreadable.add(key);
                    }
                }
            }
        }
        return out;
    }
}
