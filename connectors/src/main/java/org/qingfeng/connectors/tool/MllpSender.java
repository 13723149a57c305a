package org.qingfeng.connectors.tool;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The interface engineer's sender: frames HL7 files over MLLP and prints every ACK. With {@code --count} it becomes a
 * load tool: {@code --connections} parallel connections send the messages round-robin, each made unique by
 * replacing {@code {{SEQ}}} (or, if absent, MSH-10), and it prints throughput and ACK latency percentiles.
 *
 * <pre>send --host 127.0.0.1 --port 2575 --file a.hl7 [--file b.hl7] [--charset GB18030]
 *      [--connections 4 --count 20000] [--timeout-ms 10000]
 *      [--tls-trust-store server-ca.p12 --tls-trust-store-password …]</pre>
 */
public final class MllpSender {

    record Options(
            String host,
            int port,
            List<Path> files,
            Charset charset,
            int connections,
            long count,
            int timeoutMillis,
            SSLSocketFactory tls) {}

    private final PrintStream out;

    public MllpSender(PrintStream out) {
        this.out = out;
    }

    /** Runs the command; returns the process exit code (0 when every message got AA). */
    public int run(String[] args) {
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            out.println("error: " + e.getMessage());
            out.println(
                    "usage: send --host HOST --port PORT --file FILE [--file FILE…] [--charset UTF-8|GB18030]"
                            + " [--connections N --count M] [--timeout-ms MS] [--tls-trust-store FILE --tls-trust-store-password PW]");
            return 2;
        }
        try {
            List<String> messages = new ArrayList<>();
            for (Path f : o.files()) {
                messages.addAll(splitMessages(Files.readString(f, o.charset())));
            }
            if (messages.isEmpty()) {
                out.println("error: no HL7 message (a segment starting with MSH) in the given files");
                return 2;
            }
            return o.count() > 0 ? load(o, messages) : sendEach(o, messages);
        } catch (IOException e) {
            out.println("error: " + e.getMessage());
            return 1;
        }
    }

    private int sendEach(Options o, List<String> messages) throws IOException {
        int notAccepted = 0;
        try (MllpClient client = new MllpClient(o.host(), o.port(), o.timeoutMillis(), o.tls())) {
            for (String m : messages) {
                String ack = new String(client.send(m.getBytes(o.charset())), o.charset());
                out.println(ack.replace('\r', '\n').strip());
                out.println();
                if (!"AA".equals(ackCode(ack))) {
                    notAccepted++;
                }
            }
        }
        out.println(messages.size() + " sent, " + (messages.size() - notAccepted) + " accepted (AA)");
        return notAccepted == 0 ? 0 : 1;
    }

    private int load(Options o, List<String> messages) {
        AtomicLong sequence = new AtomicLong();
        Map<String, LongAdder> codes = new ConcurrentHashMap<>();
        long[][] latencies = new long[o.connections()][];
        String run = Long.toString(System.currentTimeMillis(), 36);
        ExecutorService pool = Executors.newFixedThreadPool(o.connections());
        long start = System.nanoTime();
        List<Future<?>> jobs = new ArrayList<>();
        for (int c = 0; c < o.connections(); c++) {
            int connection = c;
            long share = o.count() / o.connections() + (c < o.count() % o.connections() ? 1 : 0);
            latencies[c] = new long[(int) share];
            jobs.add(pool.submit(() -> {
                try (MllpClient client = new MllpClient(o.host(), o.port(), o.timeoutMillis(), o.tls())) {
                    for (int i = 0; i < share; i++) {
                        long seq = sequence.incrementAndGet();
                        String m = unique(messages.get((int) (seq % messages.size())), run + "-" + seq);
                        long t0 = System.nanoTime();
                        byte[] ack = client.send(m.getBytes(o.charset()));
                        latencies[connection][i] = System.nanoTime() - t0;
                        codes.computeIfAbsent(ackCode(new String(ack, o.charset())), k -> new LongAdder())
                                .increment();
                    }
                }
                return null;
            }));
        }
        int failures = 0;
        for (Future<?> job : jobs) {
            try {
                job.get();
            } catch (Exception e) {
                failures++;
                out.println("connection failed: " + e.getMessage());
            }
        }
        long elapsed = System.nanoTime() - start;
        pool.shutdown();
        long[] all = Arrays.stream(latencies)
                .flatMapToLong(Arrays::stream)
                .filter(l -> l > 0)
                .sorted()
                .toArray();
        Map<String, Long> byCode = new TreeMap<>();
        codes.forEach((k, v) -> byCode.put(k, v.sum()));
        out.printf(
                "messages=%d connections=%d seconds=%.2f rate=%.0f msg/s p50=%.2f ms p99=%.2f ms max=%.2f ms acks=%s%n",
                all.length,
                o.connections(),
                elapsed / 1e9,
                all.length / (elapsed / 1e9),
                percentile(all, 0.50),
                percentile(all, 0.99),
                all.length == 0 ? 0 : all[all.length - 1] / 1e6,
                byCode);
        return failures == 0 && byCode.keySet().equals(java.util.Set.of("AA")) ? 0 : 1;
    }

    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    /** Makes a message unique for a load run: {{SEQ}} placeholders, else MSH-10, get a fresh value. */
    static String unique(String message, String id) {
        if (message.contains("{{SEQ}}")) {
            return message.replace("{{SEQ}}", id);
        }
        int end = message.indexOf('\r');
        String msh = end < 0 ? message : message.substring(0, end);
        String sep = msh.length() > 3 ? String.valueOf(msh.charAt(3)) : "|";
        String[] fields = msh.split(java.util.regex.Pattern.quote(sep), -1);
        if (fields.length > 9) {
            fields[9] = id;
        }
        return String.join(sep, fields) + (end < 0 ? "" : message.substring(end));
    }

    /** Splits a file into messages: each line starting with MSH begins one; LF and CRLF become CR. */
    public static List<String> splitMessages(String content) {
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        List<String> messages = new ArrayList<>();
        StringBuilder current = null;
        for (String line : text.split("\r\n|\r|\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("MSH")) {
                if (current != null) {
                    messages.add(current.toString());
                }
                current = new StringBuilder();
            }
            if (current != null) {
                current.append(line).append('\r');
            }
        }
        if (current != null) {
            messages.add(current.toString());
        }
        return messages;
    }

    static String ackCode(String ack) {
        for (String segment : ack.split("[\r\n]+")) {
            if (segment.startsWith("MSA") && segment.length() > 6) {
                return segment.substring(4, 6);
            }
        }
        return "??";
    }

    static Options parse(String[] args) {
        String host = "127.0.0.1";
        Integer port = null;
        List<Path> files = new ArrayList<>();
        Charset charset = Charset.forName("UTF-8");
        int connections = 1;
        long count = 0;
        int timeout = 10_000;
        String trustStore = null;
        String trustStorePassword = "";
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("send")) {
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value");
            }
            String v = args[++i];
            try {
                switch (a) {
                    case "--host" -> host = v;
                    case "--port" -> port = Integer.parseInt(v);
                    case "--file" -> files.add(Path.of(v));
                    case "--charset" -> charset = Charset.forName(v);
                    case "--connections" -> connections = Integer.parseInt(v);
                    case "--count" -> count = Long.parseLong(v);
                    case "--timeout-ms" -> timeout = Integer.parseInt(v);
                    case "--tls-trust-store" -> trustStore = v;
                    case "--tls-trust-store-password" -> trustStorePassword = v;
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(a + " needs a number, got '" + v + "'");
            } catch (java.nio.charset.UnsupportedCharsetException | java.nio.charset.IllegalCharsetNameException e) {
                throw new IllegalArgumentException("unknown charset '" + v + "'");
            }
        }
        if (port == null || port < 1 || port > 65535) {
            throw new IllegalArgumentException("--port must be 1-65535");
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("at least one --file is needed");
        }
        if (connections < 1 || connections > 256) {
            throw new IllegalArgumentException("--connections must be 1-256");
        }
        return new Options(
                host,
                port,
                files,
                charset,
                connections,
                count,
                timeout,
                trustStore == null ? null : tls(trustStore, trustStorePassword));
    }

    /** A TLS client that trusts the certificates in the given PKCS#12 trust store. */
    static SSLSocketFactory tls(String trustStore, String password) {
        try (var in = java.nio.file.Files.newInputStream(Path.of(trustStore))) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the trust store " + trustStore + ": " + e.getMessage());
        }
    }
}
