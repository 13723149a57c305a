package org.qingfeng.app.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.UriParam;
import ca.uhn.fhir.rest.server.FifoMemoryPagingProvider;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Subscription;

/**
 * The hospital's FHIR server, in this JVM: a HAPI {@link RestfulServer} with in-memory resource providers (versioned
 * MedicationRequests searchable by {@code _lastUpdated} with {@code _sort}, paged; Practitioners to read), on an
 * embedded Tomcat on a free loopback port. Optionally slow (per search page) and requiring a bearer token.
 */
final class TestFhirServer implements AutoCloseable {

    final FhirContext fhir = FhirContext.forR4();
    final MedicationRequests medicationRequests = new MedicationRequests();
    final Practitioners practitioners = new Practitioners();
    final Subscriptions subscriptions = new Subscriptions();
    final AtomicInteger searches = new AtomicInteger();
    volatile long delayMillisPerPage;
    volatile String requiredBearer;
    private final Tomcat tomcat = new Tomcat();

    TestFhirServer() throws Exception {
        RestfulServer server = new RestfulServer(fhir);
        server.setResourceProviders(List.of(medicationRequests, practitioners, subscriptions));
        server.setPagingProvider(
                new FifoMemoryPagingProvider(50).setDefaultPageSize(20).setMaximumPageSize(200));
        server.registerInterceptor(this);
        tomcat.setBaseDir(Files.createTempDirectory("fhir-tomcat").toString());
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context ctx = tomcat.addContext("", null);
        Tomcat.addServlet(ctx, "fhir", server);
        ctx.addServletMappingDecoded("/fhir/*", "fhir");
        tomcat.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/fhir";
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public boolean incoming(RequestDetails request) throws InterruptedException {
        String expected = requiredBearer;
        if (expected != null && !("Bearer " + expected).equals(request.getHeader("Authorization"))) {
            throw new AuthenticationException("a valid bearer token is required");
        }
        if (request.getParameters().containsKey("_getpages")
                || request.getResourceName() != null && request.getParameters().containsKey("_lastUpdated")) {
            searches.incrementAndGet();
            if (delayMillisPerPage > 0) {
                Thread.sleep(delayMillisPerPage);
            }
        }
        return true;
    }

    @Override
    public void close() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }

    /** Versioned MedicationRequests; {@link #put} stores a new version updated at the given time. */
    static final class MedicationRequests implements IResourceProvider {
        final Map<String, List<MedicationRequest>> versions = new ConcurrentHashMap<>();

        @Override
        public Class<MedicationRequest> getResourceType() {
            return MedicationRequest.class;
        }

        synchronized MedicationRequest put(MedicationRequest mr, Instant lastUpdated) {
            String id = mr.getIdElement().getIdPart();
            List<MedicationRequest> list = versions.computeIfAbsent(id, k -> new ArrayList<>());
            MedicationRequest copy = mr.copy();
            copy.setId(new IdType("MedicationRequest", id, Integer.toString(list.size() + 1)));
            copy.getMeta().setVersionId(Integer.toString(list.size() + 1)).setLastUpdated(Date.from(lastUpdated));
            list.add(copy);
            return copy;
        }

        MedicationRequest current(String id) {
            List<MedicationRequest> list = versions.get(id);
            return list.get(list.size() - 1);
        }

        @Read(version = true)
        public MedicationRequest read(@IdParam IdType id) {
            List<MedicationRequest> list = versions.get(id.getIdPart());
            if (list == null) {
                throw new ResourceNotFoundException(id);
            }
            if (id.hasVersionIdPart()) {
                return list.get(Integer.parseInt(id.getVersionIdPart()) - 1);
            }
            return list.get(list.size() - 1);
        }

        @Search
        public IBundleProvider search(
                @OptionalParam(name = "_lastUpdated") DateRangeParam lastUpdated, @Sort SortSpec sort) {
            List<IBaseResource> found = new ArrayList<>();
            for (List<MedicationRequest> list : versions.values()) {
                MedicationRequest mr = list.get(list.size() - 1);
                Date updated = mr.getMeta().getLastUpdated();
                Date lo = lastUpdated == null ? null : lastUpdated.getLowerBoundAsInstant();
                Date hi = lastUpdated == null ? null : lastUpdated.getUpperBoundAsInstant();
                if ((lo == null || !updated.before(lo)) && (hi == null || updated.before(hi))) {
                    found.add(mr);
                }
            }
            found.sort(Comparator.comparing(r -> ((Resource) r).getMeta().getLastUpdated()));
            return new SimpleBundleProvider(found);
        }
    }

    static final class Practitioners implements IResourceProvider {
        final Map<String, Practitioner> byId = new ConcurrentHashMap<>();

        @Override
        public Class<Practitioner> getResourceType() {
            return Practitioner.class;
        }

        @Read
        public Practitioner read(@IdParam IdType id) {
            Practitioner p = byId.get(id.getIdPart());
            if (p == null) {
                throw new ResourceNotFoundException(id);
            }
            return p;
        }
    }

    /** Subscriptions as a server that has not activated them yet keeps them: created, searchable by endpoint. */
    static final class Subscriptions implements IResourceProvider {
        final Map<String, Subscription> byId = new ConcurrentHashMap<>();

        @Override
        public Class<Subscription> getResourceType() {
            return Subscription.class;
        }

        @Create
        public MethodOutcome create(@ResourceParam Subscription s) {
            String id = "sub-" + (byId.size() + 1);
            s.setId(id);
            byId.put(id, s);
            return new MethodOutcome(new IdType("Subscription", id), true);
        }

        @Search
        public List<Subscription> search(@OptionalParam(name = Subscription.SP_URL) UriParam url) {
            return byId.values().stream()
                    .filter(s ->
                            url == null || url.getValue().equals(s.getChannel().getEndpoint()))
                    .toList();
        }
    }
}
