package org.qingfeng.bench;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.server.FifoMemoryPagingProvider;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Timing;

/**
 * FHIR ingest load. {@code restHook <qingfeng URL> <source> <secret> <count> <threads>}: posts {@code count}
 * MedicationRequests in bundles of 50 to the rest-hook receiver and prints MedicationRequests/s, with the HAPI JSON
 * parse rate of the same bundles on as many threads (the baseline) measured first in the same run.
 * {@code server <port> <count> <go file>}: serves {@code count} MedicationRequests from an in-JVM HAPI RestfulServer for the
 * poller to read.
 */
public final class FhirLoad {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(FhirLoad.class);

    private FhirLoad() {}

    static final String[] DRUGS = {"Y00061", "Y00064", "Y00001", "Y00067", "Y00118"};

    static MedicationRequest order(String run, int i) {
        MedicationRequest mr = new MedicationRequest();
        mr.setId(run + "-" + i);
        mr.getMeta()
                .setVersionId("1")
                .setLastUpdated(Date.from(Instant.now().minusSeconds(3_600).plusMillis(i)));
        mr.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
        mr.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        mr.addIdentifier(new Identifier().setValue(run + "-PL-" + i));
        mr.setGroupIdentifier(new Identifier().setValue(run + "-RX-" + (i / 3)));
        mr.setSubject(new Reference("Patient/P" + (i % 5_000)));
        mr.setRequester(new Reference().setIdentifier(new Identifier().setValue("D00" + (10 + i % 60))));
        mr.setAuthoredOn(new Date());
        mr.addCategory(new CodeableConcept()
                .addCoding(new Coding(
                        "http://terminology.hl7.org/CodeSystem/medicationrequest-category", "outpatient", null)));
        mr.setMedication(new CodeableConcept().addCoding(new Coding("urn:his", DRUGS[i % DRUGS.length], null)));
        mr.addDosageInstruction()
                .setTiming(new Timing().setCode(new CodeableConcept().addCoding(new Coding(null, "QD", null))))
                .addDoseAndRate()
                .setDose(new Quantity().setValue(1).setUnit("片"));
        mr.getDispenseRequest()
                .setQuantity(new Quantity().setValue(7).setUnit("片"))
                .setExpectedSupplyDuration(
                        (Duration) new Duration().setValue(7).setUnit("d").setCode("d"));
        return mr;
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("server")) {
            server(Integer.parseInt(args[1]), Integer.parseInt(args[2]), java.nio.file.Path.of(args[3]));
        } else {
            restHook(args[1], args[2], args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]));
        }
    }

    static void restHook(String base, String source, String secret, int count, int threads) throws Exception {
        FhirContext fhir = FhirContext.forR4();
        IParser parser = fhir.newJsonParser();
        String run = "L" + Long.toString(System.currentTimeMillis(), 36);
        List<String> bundles = new ArrayList<>();
        for (int from = 0; from < count; from += 50) {
            Bundle b = new Bundle().setType(Bundle.BundleType.HISTORY);
            for (int i = from; i < Math.min(count, from + 50); i++) {
                b.addEntry().setResource(order(run, i));
            }
            bundles.add(parser.encodeResourceToString(b));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        // baseline: HAPI parses the same bundles on as many threads
        long t0 = System.nanoTime();
        List<Future<?>> parses = new ArrayList<>();
        for (String b : bundles) {
            parses.add(pool.submit(() -> fhir.newJsonParser().parseResource(Bundle.class, b)));
        }
        for (Future<?> f : parses) {
            f.get();
        }
        double parseRate = count / ((System.nanoTime() - t0) / 1e9);

        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create(base + "/fhir/r4/notify?source=" + source);
        AtomicInteger errors = new AtomicInteger();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long t1 = System.nanoTime();
        List<Future<?>> posts = new ArrayList<>();
        for (String b : bundles) {
            posts.add(pool.submit(() -> {
                long s = System.nanoTime();
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(uri)
                                .header("Content-Type", "application/fhir+json")
                                .header("Authorization", "Bearer " + secret)
                                .POST(HttpRequest.BodyPublishers.ofString(b))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                latencies.add(System.nanoTime() - s);
                if (r.statusCode() != 200) {
                    errors.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : posts) {
            f.get();
        }
        double rate = count / ((System.nanoTime() - t1) / 1e9);
        pool.shutdown();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        log.info(String.format(
                "medicationRequests=%d bundles=%d errors=%d restHook=%.0f/s haPiParse=%.0f/s ratio=%.3f bundleP50=%.1fms bundleP99=%.1fms",
                count,
                bundles.size(),
                errors.get(),
                rate,
                parseRate,
                rate / parseRate,
                sorted.get(sorted.size() / 2) / 1e6,
                sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * 0.99) - 1)) / 1e6));
    }

    /**
     * A HAPI RestfulServer with {@code count} MedicationRequests, searchable by _lastUpdated, paged; searches find
     * nothing until the file {@code go} exists, so the poller's clock starts when the benchmark says so.
     */
    static void server(int port, int count, java.nio.file.Path go) throws Exception {
        FhirContext fhir = FhirContext.forR4();
        List<IBaseResource> all = new ArrayList<>();
        String run = "P" + Long.toString(System.currentTimeMillis(), 36);
        for (int i = 0; i < count; i++) {
            all.add(order(run, i));
        }
        RestfulServer server = new RestfulServer(fhir);
        server.setResourceProviders(List.of(new IResourceProvider() {
            @Override
            public Class<MedicationRequest> getResourceType() {
                return MedicationRequest.class;
            }

            @Search
            public IBundleProvider search(@OptionalParam(name = "_lastUpdated") DateRangeParam lastUpdated) {
                Date lo = lastUpdated == null ? null : lastUpdated.getLowerBoundAsInstant();
                Date hi = lastUpdated == null ? null : lastUpdated.getUpperBoundAsInstant();
                List<IBaseResource> found = new ArrayList<>();
                if (!Files.exists(go)) {
                    return new SimpleBundleProvider(found);
                }
                for (IBaseResource r : all) {
                    Date u = r.getMeta().getLastUpdated();
                    if ((lo == null || !u.before(lo)) && (hi == null || u.before(hi))) {
                        found.add(r);
                    }
                }
                return new SimpleBundleProvider(found);
            }
        }));
        server.setPagingProvider(
                new FifoMemoryPagingProvider(100).setDefaultPageSize(100).setMaximumPageSize(500));
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("fhir-bench").toString());
        tomcat.setPort(port);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context ctx = tomcat.addContext("", null);
        Tomcat.addServlet(ctx, "fhir", server);
        ctx.addServletMappingDecoded("/fhir/*", "fhir");
        tomcat.start();
        log.info("serving " + count + " MedicationRequests at http://127.0.0.1:" + port + "/fhir");
        tomcat.getServer().await();
    }
}
