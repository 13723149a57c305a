package org.qingfeng.app.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.qingfeng.config.FhirAuth;
import org.qingfeng.config.FhirSource;
import org.qingfeng.config.QingfengProperties;
import org.qingfeng.connectors.fhir.FhirAuditEvents;
import org.qingfeng.connectors.fhir.FhirIngest;
import org.qingfeng.connectors.fhir.FhirPoller;
import org.qingfeng.connectors.fhir.FhirReceiver;
import org.qingfeng.connectors.fhir.SmartBackendAuth;

/**
 * The configured FHIR sources, each with its client (and authentication) and poller. A notification names its source
 * with {@code ?source=}; without one it belongs to the first source, or to an implicit source {@code default} when
 * none is configured (notifications only).
 */
public class FhirSources {

    private final Map<String, FhirSource> sources = new LinkedHashMap<>();
    private final Map<String, FhirPoller> pollers = new LinkedHashMap<>();
    private final Map<String, IGenericClient> clients = new LinkedHashMap<>();

    public FhirSources(
            QingfengProperties properties,
            FhirContext fhir,
            FhirReceiver receiver,
            FhirAuditEvents.Sink audits,
            FhirPoller.HighWaterMarks marks,
            Clock clock) {
        List<FhirSource> configured = properties.getFhir().getSources();
        if (configured.isEmpty()) {
            FhirSource implicit = new FhirSource();
            implicit.setId("default");
            implicit.setFacility(properties.getCheck().getFacility());
            implicit.setPatientIdAuthority(properties.getCheck().getPatientIdAuthority());
            configured = List.of(implicit);
        }
        fhir.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        fhir.getRestfulClientFactory().setConnectTimeout(10_000);
        fhir.getRestfulClientFactory().setSocketTimeout(60_000);
        for (FhirSource s : configured) {
            sources.put(s.getId(), s);
            if (s.getBaseUrl() != null && !s.getBaseUrl().isBlank()) {
                IGenericClient client = fhir.newRestfulGenericClient(s.getBaseUrl());
                authenticate(s, client, clock);
                clients.put(s.getId(), client);
                pollers.put(s.getId(), new FhirPoller(s, client, receiver, audits, marks, clock));
            }
        }
    }

    private void authenticate(FhirSource s, IGenericClient client, Clock clock) {
        FhirAuth auth = s.getAuth();
        switch (auth.getType()) {
            case "bearer" -> {
                if (auth.getToken() == null || auth.getToken().isBlank()) {
                    throw new IllegalStateException(
                            "qingfeng.fhir.sources[" + s.getId() + "].auth.token is required for auth.type bearer");
                }
                client.registerInterceptor(new BearerTokenAuthInterceptor(auth.getToken()));
            }
            case "smart" -> {
                for (String[] k : new String[][] {
                    {"token-url", auth.getTokenUrl()},
                    {"client-id", auth.getClientId()},
                    {"private-key", auth.getPrivateKey()}
                }) {
                    if (k[1] == null || k[1].isBlank()) {
                        throw new IllegalStateException("qingfeng.fhir.sources[" + s.getId() + "].auth." + k[0]
                                + " is required for auth.type smart");
                    }
                }
                try {
                    SmartBackendAuth a = new SmartBackendAuth(
                            auth.getTokenUrl(),
                            auth.getClientId(),
                            auth.getKeyId(),
                            auth.getScope(),
                            SmartBackendAuth.readPrivateKey(Path.of(auth.getPrivateKey())),
                            clock);
                    client.registerInterceptor(a);
                } catch (IOException e) {
                    throw new UncheckedIOException(
                            "qingfeng.fhir.sources[" + s.getId() + "].auth.private-key: " + e.getMessage(), e);
                }
            }
            default -> {}
        }
    }

    public Optional<FhirSource> find(String id) {
        if (id == null || id.isBlank()) {
            return sources.values().stream().findFirst();
        }
        return Optional.ofNullable(sources.get(id));
    }

    public List<FhirSource> all() {
        return List.copyOf(sources.values());
    }

    /** The client of a source with a base URL. */
    public Optional<IGenericClient> client(String sourceId) {
        return Optional.ofNullable(clients.get(sourceId));
    }

    public Map<String, FhirPoller> pollers() {
        return pollers;
    }

    /** Reads referenced resources from the source (nothing when the source has no base URL). */
    public FhirIngest.ResourceReader reader(FhirSource source) {
        FhirPoller poller = pollers.get(source.getId());
        return poller == null ? FhirIngest.ResourceReader.NONE : poller.reader();
    }
}
