package org.qingfeng.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load on {@code POST /api/v1/prescriptions/check}: a few client threads send the same 5-line prescription as fast
 * as answers come, for a fixed time, and print throughput and latency percentiles.
 *
 * <p>Usage: {@code CheckLoad <base URL> <user> <password> <threads> <seconds>}
 */
public final class CheckLoad {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CheckLoad.class);

    private CheckLoad() {}

    static final String BODY =
            "{\"prescriptionNo\":\"LOAD-1\",\"patientId\":\"MRN-LOAD-1\",\"patientClass\":\"OUTPATIENT\","
                    + "\"prescriberId\":\"D0001\",\"lines\":["
                    + line("Y00061", 7) + "," + line("Y00064", 7) + "," + line("Y00072", 28) + "," + line("Y00118", 1)
                    + ","
                    + line("Y00062", 7) + "]}";

    private static String line(String item, int days) {
        return "{\"itemCode\":\"" + item + "\",\"dose\":1,\"doseUnit\":\"片\",\"quantity\":" + days
                + ",\"quantityUnit\":\"片\",\"frequency\":\"QD\",\"daysSupply\":" + days + ",\"route\":\"PO\"}";
    }

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0] + "/api/v1/prescriptions/check");
        String auth = "Basic "
                + Base64.getEncoder().encodeToString((args[1] + ":" + args[2]).getBytes(StandardCharsets.UTF_8));
        int threads = Integer.parseInt(args[3]);
        long seconds = Long.parseLong(args[4]);
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Authorization", auth)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(BODY))
                .timeout(Duration.ofSeconds(10))
                .build();
        run(client, request, threads, Math.max(3, seconds / 3), false); // warm-up
        run(client, request, threads, seconds, true);
    }

    private static void run(HttpClient client, HttpRequest request, int threads, long seconds, boolean report)
            throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicInteger errors = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<Long>>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                List<Long> latencies = new ArrayList<>();
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
                    latencies.add(System.nanoTime() - start);
                    if (r.statusCode() != 200 || !r.body().contains("RX_DUPLICATE_THERAPY")) {
                        errors.incrementAndGet();
                    }
                }
                return latencies;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> f : futures) {
            all.addAll(f.get());
        }
        pool.shutdown();
        if (!report) {
            return;
        }
        Collections.sort(all);
        log.info(String.format(
                "requests=%d errors=%d rps=%.0f p50=%.2fms p90=%.2fms p99=%.2fms max=%.2fms",
                all.size(),
                errors.get(),
                all.size() / (double) seconds,
                pct(all, 0.50),
                pct(all, 0.90),
                pct(all, 0.99),
                all.get(all.size() - 1) / 1e6));
    }

    private static double pct(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)) / 1e6;
    }
}
