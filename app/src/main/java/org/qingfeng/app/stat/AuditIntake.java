package org.qingfeng.app.stat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.qingfeng.app.persistence.SettingsRepository;
import org.qingfeng.config.DataAccessProperties;
import org.qingfeng.connectors.hl7.Hl7Header;
import org.qingfeng.connectors.hl7.InboundSink;
import org.qingfeng.connectors.hl7.RejectedMessage;
import org.qingfeng.monitors.stat.DataAccessEvent;
import org.qingfeng.monitors.stat.PgauditLineParser;
import org.qingfeng.monitors.stat.SyslogMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The other ways data-access events arrive: PostgreSQL (pgaudit) log messages over syslog, UDP and TCP
 * ({@code qingfeng.data-access.syslog.port}), and JSON-lines files dropped in a watched folder
 * ({@code qingfeng.data-access.folder}; each file is read whole, remembered by its SHA-256 with what it held, and then
 * moved to {@code done/}). Unreadable entries
 * and lines go to the dead-letter table.
 */
public class AuditIntake implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(AuditIntake.class);

    private final DataAccessProperties properties;
    private final StatisticsAccessService service;
    private final InboundSink deadLetters;
    private final DataAccessJson json;
    private final Clock clock;
    private final PgauditLineParser pgaudit;
    private final SettingsRepository settings;
    private final List<Thread> threads = new ArrayList<>();
    private DatagramSocket udp;
    private ServerSocket tcp;
    private volatile boolean running;

    public AuditIntake(
            DataAccessProperties properties,
            StatisticsAccessService service,
            InboundSink deadLetters,
            DataAccessJson json,
            Clock clock,
            ZoneId zone,
            SettingsRepository settings) {
        this.settings = settings;
        this.properties = properties;
        this.service = service;
        this.deadLetters = deadLetters;
        this.json = json;
        this.clock = clock;
        this.pgaudit = new PgauditLineParser(properties.getSyslog().getLinePrefix(), zone);
    }

    @Override
    public void start() {
        running = true;
        try {
            int port = properties.getSyslog().getPort();
            if (port > 0) {
                InetAddress bind = InetAddress.getByName(properties.getSyslog().getBindAddress());
                udp = new DatagramSocket(new InetSocketAddress(bind, port));
                udp.setSoTimeout(500);
                tcp = new ServerSocket();
                tcp.setReuseAddress(true);
                tcp.bind(new InetSocketAddress(bind, port));
                thread("qingfeng-syslog-udp", this::udpLoop);
                thread("qingfeng-syslog-tcp", this::tcpLoop);
            }
        } catch (IOException e) {
            throw new IllegalStateException(
                    "qingfeng.data-access.syslog.port=" + properties.getSyslog().getPort() + ": cannot listen: "
                            + e.getMessage(),
                    e);
        }
        if (properties.getFolder() != null && !properties.getFolder().isBlank()) {
            thread("qingfeng-audit-folder", this::folderLoop);
        }
    }

    private void thread(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    private void udpLoop() {
        SyslogMessages messages = new SyslogMessages();
        byte[] buffer = new byte[65_535];
        while (running) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                udp.receive(packet);
                String record = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
                accept(messages, packet.getAddress().getHostAddress(), List.of(record));
            } catch (SocketTimeoutException idle) {
                finish(messages.flush().values());
            } catch (IOException | RuntimeException e) {
                if (running) {
                    log.warn("Syslog (UDP) failed: {}", e.getMessage());
                }
            }
        }
    }

    private void tcpLoop() {
        while (running) {
            try {
                Socket socket = tcp.accept();
                thread("qingfeng-syslog-tcp-" + socket.getRemoteSocketAddress(), () -> connection(socket));
            } catch (IOException e) {
                if (running) {
                    log.warn("Syslog (TCP) failed: {}", e.getMessage());
                }
            }
        }
    }

    /** Newline-framed syslog over TCP (RFC 6587, non-transparent framing). */
    private void connection(Socket socket) {
        SyslogMessages messages = new SyslogMessages();
        String sender = socket.getInetAddress().getHostAddress();
        try (socket;
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            socket.setSoTimeout(500);
            while (running) {
                try {
                    String line = in.readLine();
                    if (line == null) {
                        break;
                    }
                    accept(messages, sender, List.of(line));
                } catch (SocketTimeoutException idle) {
                    finish(messages.flush().values());
                }
            }
        } catch (IOException e) {
            log.debug("Syslog connection from {} ended: {}", sender, e.getMessage());
        }
        finish(messages.flush().values());
    }

    private void accept(SyslogMessages messages, String sender, List<String> records) {
        List<String> entries = new ArrayList<>();
        for (String record : records) {
            SyslogMessages.body(record)
                    .ifPresentOrElse(
                            body -> messages.add(sender, body).ifPresent(entries::add),
                            () -> deadLetters.deadLetter(rejected("audit:syslog", record, "not a syslog record")));
        }
        finish(entries);
    }

    private void finish(Collection<String> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<DataAccessEvent> events = new ArrayList<>();
        List<String[]> bad = new ArrayList<>();
        for (String entry : entries) {
            PgauditLineParser.Result r = pgaudit.parse(entry);
            if (r instanceof PgauditLineParser.Event e) {
                events.add(e.event());
            } else if (r instanceof PgauditLineParser.Malformed m) {
                bad.add(new String[] {entry, m.reason()});
            }
        }
        service.process(events, () -> bad.forEach(b -> deadLetters.deadLetter(rejected("audit:syslog", b[0], b[1]))));
    }

    private void folderLoop() {
        Path folder = Path.of(properties.getFolder());
        Path done = folder.resolve("done");
        while (running) {
            try {
                Files.createDirectories(done);
                List<Path> files;
                try (var list = Files.list(folder)) {
                    files = list.filter(Files::isRegularFile)
                            .filter(p -> !p.getFileName().toString().startsWith("."))
                            .sorted()
                            .toList();
                }
                for (Path file : files) {
                    readFile(file, done);
                }
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | RuntimeException e) {
                log.warn("Reading the data-access folder {} failed: {}", folder, e.getMessage());
                try {
                    Thread.sleep(5_000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * One dropped file: every line read, the events and bad lines stored together with the file's SHA-256, then the
     * file moved away. A file whose content was stored before (a crash came between the commit and the move, or the
     * same export was dropped twice) is only moved.
     */
    private void readFile(Path file, Path done) throws IOException {
        byte[] content = Files.readAllBytes(file);
        String key = "audit-folder-sha256:" + sha256(content);
        if (settings.get(key).isPresent()) {
            log.info("{} was read before ({}); moved to done/ without reading it again", file.getFileName(), key);
            Files.move(file, done.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        List<DataAccessEvent> events = new ArrayList<>();
        List<String[]> bad = new ArrayList<>();
        for (String line : new String(content, StandardCharsets.UTF_8).split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                events.add(json.event(line, "folder"));
            } catch (IllegalArgumentException e) {
                bad.add(new String[] {line, e.getMessage()});
            }
        }
        String feed = "audit:" + file.getFileName();
        service.process(events, () -> {
            bad.forEach(b -> deadLetters.deadLetter(rejected(feed, b[0], b[1])));
            settings.put(key, file.getFileName() + " " + clock.instant());
        });
        Files.move(file, done.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }

    private static String sha256(byte[] content) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    private RejectedMessage rejected(String feed, String text, String reason) {
        return new RejectedMessage(
                feed,
                text.getBytes(StandardCharsets.UTF_8),
                "UTF-8",
                clock.instant(),
                new Hl7Header(null, null, null, null, null, null, null, null),
                "AE",
                feed.equals("audit:syslog") ? "syslog" : "json-lines",
                reason,
                null);
    }

    @Override
    public void stop() {
        running = false;
        try {
            if (udp != null) {
                udp.close();
            }
            if (tcp != null) {
                tcp.close();
            }
        } catch (IOException ignored) {
            // closing listeners on the way out
        }
        threads.forEach(Thread::interrupt);
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
