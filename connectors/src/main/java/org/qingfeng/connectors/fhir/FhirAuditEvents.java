package org.qingfeng.connectors.fhir;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import org.hl7.fhir.r4.model.AuditEvent;
import org.qingfeng.monitors.stat.DataAccessEvent;

/**
 * FHIR AuditEvent as a data-access event (interfaces.md §3): the requesting agent is the user (identifier, else
 * display), its network address the client, the entity's query the statement when it is SQL (some systems record the
 * SQL there) or else the API call, {@code recorded} the time.
 */
public final class FhirAuditEvents {
    private FhirAuditEvents() {}

    /** Where a source's AuditEvents go. */
    public interface Sink {
        void accept(java.util.List<DataAccessEvent> events);
    }

    public static DataAccessEvent toEvent(AuditEvent a) {
        AuditEvent.AuditEventAgentComponent agent = a.getAgent().stream()
                .filter(AuditEvent.AuditEventAgentComponent::getRequestor)
                .findFirst()
                .orElse(a.getAgentFirstRep());
        String user =
                agent.getWho().hasIdentifier() && agent.getWho().getIdentifier().hasValue()
                        ? agent.getWho().getIdentifier().getValue()
                        : agent.getWho().getDisplay();
        String address = agent.hasNetwork() ? agent.getNetwork().getAddress() : null;
        String query = null;
        String what = null;
        for (AuditEvent.AuditEventEntityComponent e : a.getEntity()) {
            if (e.hasQuery() && query == null) {
                query = new String(e.getQuery(), StandardCharsets.UTF_8);
            }
            if (e.hasWhat() && what == null) {
                what = e.getWhat().getReference();
            }
        }
        boolean sql =
                query != null && query.strip().toUpperCase(Locale.ROOT).matches("^(SELECT|WITH|INSERT|CREATE)\\b.*");
        Instant time = a.hasRecorded() ? a.getRecorded().toInstant() : Instant.now();
        return new DataAccessEvent(
                time,
                user,
                null,
                address,
                null,
                a.getSource().hasObserver() ? a.getSource().getObserver().getDisplay() : null,
                sql ? query : null,
                sql ? null : (query != null ? query : what),
                null,
                "fhir-auditevent");
    }
}
