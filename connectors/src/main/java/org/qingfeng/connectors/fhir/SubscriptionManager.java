package org.qingfeng.connectors.fhir;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Subscription;

/**
 * Creates the R4 Subscriptions (rest-hook to Qingfeng's receiver) on a source's FHIR server and reports their status,
 * so that IT does not have to write them by hand.
 */
public final class SubscriptionManager {

    /** One subscription as the source's server holds it. */
    public record Status(String id, String criteria, String status, String endpoint, String error) {}

    static final String REASON = "清风 Qingfeng: prescription integrity monitoring";

    private SubscriptionManager() {}

    /** Creates one rest-hook subscription per resource type, with the shared secret as an Authorization header. */
    public static List<Status> create(
            IGenericClient client, String endpoint, String secret, List<String> resourceTypes) {
        List<Status> created = new ArrayList<>();
        for (String type : resourceTypes) {
            Subscription s = new Subscription();
            s.setStatus(Subscription.SubscriptionStatus.REQUESTED);
            s.setReason(REASON);
            s.setCriteria(type + "?");
            Subscription.SubscriptionChannelComponent channel = s.getChannel();
            channel.setType(Subscription.SubscriptionChannelType.RESTHOOK);
            channel.setEndpoint(endpoint);
            channel.setPayload("application/fhir+json");
            if (secret != null && !secret.isBlank()) {
                channel.addHeader("Authorization: Bearer " + secret);
            }
            MethodOutcome outcome = client.create().resource(s).execute();
            String id = outcome.getId() == null ? null : outcome.getId().getIdPart();
            created.add(new Status(id, s.getCriteria(), s.getStatus().toCode(), endpoint, null));
        }
        return created;
    }

    /** The subscriptions on the source's server that deliver to this endpoint. */
    public static List<Status> status(IGenericClient client, String endpoint) {
        Bundle found = client.search()
                .forResource(Subscription.class)
                .where(Subscription.URL.matches().value(endpoint))
                .returnBundle(Bundle.class)
                .execute();
        List<Status> out = new ArrayList<>();
        for (Bundle.BundleEntryComponent e : found.getEntry()) {
            if (e.getResource() instanceof Subscription s) {
                out.add(new Status(
                        s.getIdElement().getIdPart(),
                        s.getCriteria(),
                        s.hasStatus() ? s.getStatus().toCode() : null,
                        s.getChannel().getEndpoint(),
                        s.getError()));
            }
        }
        return out;
    }
}
