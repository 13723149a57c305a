package org.qingfeng.app.stat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.qingfeng.app.persistence.SettingsRepository;
import org.qingfeng.config.DataAccessFile;
import org.qingfeng.connectors.hl7.Hl7Header;
import org.qingfeng.connectors.hl7.InboundSink;
import org.qingfeng.connectors.hl7.RejectedMessage;
import org.qingfeng.monitors.stat.DataAccessEvent;
import org.qingfeng.monitors.stat.PgauditLineParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Follows one audit log (like {@code tail -F}): reads complete lines as they are appended, joins multi-line entries,
 * hands the events to {@link StatisticsAccessService} and stores its position (file identity + offset) in the same
 * transaction, so a restart continues exactly where it stopped. When the log is rotated (renamed, a new file at the
 * path) the old file is read to its end first; after a restart, a file rotated meanwhile is found as {@code <path>.1}.
 * Lines that cannot be read go to the dead-letter table with the reason.
 */
public class AuditLogTailer implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(AuditLogTailer.class);
    private static final int CHUNK = 1 << 20;

    private final DataAccessFile file;
    private final Path path;
    private final StatisticsAccessService service;
    private final SettingsRepository settings;
    private final InboundSink deadLetters;
    private final Clock clock;
    private final PgauditLineParser pgaudit;
    private final DataAccessJson json;
    private final AuditFormats formats;
    private final String positionKey;
    private final Counter linesRead;
    private volatile boolean running;
    private Thread thread;

    private FileChannel channel;
    private Object fileKey;
    private long offset;
    private final StringBuilder pendingEntry = new StringBuilder();
    private long pendingStart;
    /** mysql-audit-json: where the object being read stands. */
    private int depth;

    private boolean inString;
    private boolean escaped;

    public AuditLogTailer(
            DataAccessFile file,
            StatisticsAccessService service,
            SettingsRepository settings,
            InboundSink deadLetters,
            DataAccessJson json,
            Clock clock,
            ZoneId zone,
            MeterRegistry meters) {
        this.file = file;
        this.linesRead = Counter.builder("qingfeng_audit_lines")
                .description("Audit-log lines read and processed, by file")
                .tag("file", Path.of(file.getPath()).getFileName().toString())
                .register(meters);
        this.path = Path.of(file.getPath());
        this.service = service;
        this.settings = settings;
        this.deadLetters = deadLetters;
        this.json = json;
        this.clock = clock;
        this.pgaudit = new PgauditLineParser(file.getLinePrefix(), zone);
        this.formats = new AuditFormats(json.mapper(), zone);
        this.positionKey = "audit-tail:" + path.toAbsolutePath();
    }

    private void loop() {
        while (running) {
            try {
                if (!step()) {
                    Thread.sleep(250);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | RuntimeException e) {
                log.warn("Tailing {} failed: {}; retrying", path, e.getMessage());
                closeQuietly();
                try {
                    Thread.sleep(2_000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        closeQuietly();
    }

    /** Reads what is new; returns false when there was nothing. */
    boolean step() throws IOException {
        if (channel == null && !open()) {
            return false;
        }
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        int n = channel.read(buffer, offset);
        if (n <= 0) {
            if (!pendingEntry.isEmpty() && file.getFormat().equals("pgaudit")) {
                flushPending(); // idle: the last entry is complete
                return true;
            }
            // at the end: if the path now names another file, the old one was rotated away; continue with the new one
            Optional<Object> current = keyOf(path);
            if (current.isPresent() && !current.get().equals(fileKey)) {
                closeQuietly();
                channel = FileChannel.open(path, StandardOpenOption.READ);
                fileKey = current.get();
                offset = 0;
                return true;
            }
            return false;
        }
        byte[] bytes = new byte[n];
        buffer.flip();
        buffer.get(bytes);
        int lastNewline = -1;
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                lastNewline = i;
                break;
            }
        }
        if (lastNewline < 0) {
            return false; // a partial line: wait for the rest
        }
        String text = new String(bytes, 0, lastNewline + 1, StandardCharsets.UTF_8);
        long newOffset = offset + lastNewline + 1;
        List<DataAccessEvent> events = new ArrayList<>();
        List<String[]> bad = new ArrayList<>();
        long lineStart = offset;
        String[] lines = text.split("\n", -1);
        for (String line : lines) {
            if (!line.isEmpty()) {
                collect(line, lineStart, events, bad);
            }
            lineStart += line.getBytes(StandardCharsets.UTF_8).length + 1;
        }
        // an entry still open (it may continue) is read again after a restart: the position stays before it
        long saved = pendingEntry.isEmpty() ? newOffset : pendingStart;
        save(events, bad, saved);
        offset = newOffset;
        linesRead.increment(lines.length - 1);
        return true;
    }

    private void save(List<DataAccessEvent> events, List<String[]> bad, long position) {
        Object key = fileKey;
        service.process(events, () -> {
            bad.forEach(b -> deadLetters.deadLetter(rejected(b[0], b[1])));
            settings.put(positionKey, key + "|" + position);
        });
    }

    private void collect(String line, long lineStart, List<DataAccessEvent> events, List<String[]> bad) {
        switch (file.getFormat()) {
            case "json-lines" -> {
                one(line, events, bad, () -> json.event(line, "json-lines"));
                return;
            }
            case "mariadb-audit" -> {
                one(line, events, bad, () -> formats.mariadb(line));
                return;
            }
            case "mysql-audit-json" -> {
                mysql(line, lineStart, events, bad);
                return;
            }
            default -> {} // pgaudit
        }
        if (PgauditLineParser.isContinuation(line)) {
            pendingEntry.append('\n').append(line.substring(1));
            return;
        }
        flushPendingInto(events, bad);
        pendingEntry.append(line);
        pendingStart = lineStart;
    }

    private static void one(
            String line,
            List<DataAccessEvent> events,
            List<String[]> bad,
            java.util.function.Supplier<DataAccessEvent> parse) {
        try {
            DataAccessEvent e = parse.get();
            if (e != null) {
                events.add(e);
            }
        } catch (IllegalArgumentException e) {
            bad.add(new String[] {line, e.getMessage()});
        }
    }

    /** MySQL writes a JSON array of event objects, pretty-printed or not: objects are cut out by brace depth. */
    private void mysql(String line, long lineStart, List<DataAccessEvent> events, List<String[]> bad) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (depth == 0) {
                if (c == '{') {
                    depth = 1;
                    pendingEntry.setLength(0);
                    pendingEntry.append(c);
                    pendingStart = lineStart;
                }
                continue; // '[', ']', ',' and blanks between objects
            }
            pendingEntry.append(c);
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                String object = pendingEntry.toString();
                pendingEntry.setLength(0);
                one(object, events, bad, () -> formats.mysql(object));
            }
        }
        if (depth > 0) {
            pendingEntry.append('\n');
        }
    }

    /** Processes the entry kept open at the end of the last read (reading has gone idle, so it is complete). */
    private void flushPending() {
        List<DataAccessEvent> events = new ArrayList<>();
        List<String[]> bad = new ArrayList<>();
        flushPendingInto(events, bad);
        save(events, bad, offset);
    }

    private void flushPendingInto(List<DataAccessEvent> events, List<String[]> bad) {
        if (pendingEntry.isEmpty()) {
            return;
        }
        String entry = pendingEntry.toString();
        pendingEntry.setLength(0);
        PgauditLineParser.Result r = pgaudit.parse(entry);
        if (r instanceof PgauditLineParser.Event e) {
            events.add(e.event());
        } else if (r instanceof PgauditLineParser.Malformed m) {
            bad.add(new String[] {entry, m.reason()});
        }
    }

    private RejectedMessage rejected(String line, String reason) {
        return new RejectedMessage(
                "audit:" + path.getFileName(),
                line.getBytes(StandardCharsets.UTF_8),
                "UTF-8",
                clock.instant(),
                new Hl7Header(null, null, file.getFormat(), null, null, null, null, null),
                "AE",
                file.getFormat(),
                reason,
                null);
    }

    /** Opens the file at the stored position; a file rotated while we were down is finished first. */
    private boolean open() throws IOException {
        Optional<Object> current = keyOf(path);
        if (current.isEmpty()) {
            return false;
        }
        String stored = settings.get(positionKey).orElse(null);
        if (stored != null) {
            String storedKey = stored.substring(0, stored.lastIndexOf('|'));
            long storedOffset = Long.parseLong(stored.substring(stored.lastIndexOf('|') + 1));
            Path rotated = Path.of(path + ".1");
            if (storedKey.equals(String.valueOf(current.get()))) {
                return openAt(path, current.get(), storedOffset);
            }
            Optional<Object> rotatedKey = keyOf(rotated);
            if (rotatedKey.isPresent() && storedKey.equals(String.valueOf(rotatedKey.get()))) {
                return openAt(rotated, rotatedKey.get(), storedOffset);
            }
            log.warn(
                    "{} is not the file Qingfeng last read (rotated twice while stopped?); reading it from the start",
                    path);
        }
        return openAt(path, current.get(), 0);
    }

    private boolean openAt(Path p, Object key, long at) throws IOException {
        channel = FileChannel.open(p, StandardOpenOption.READ);
        fileKey = key;
        offset = at;
        return true;
    }

    private static Optional<Object> keyOf(Path p) {
        try {
            Object key = Files.readAttributes(p, BasicFileAttributes.class).fileKey();
            return Optional.of(key == null ? p.toAbsolutePath().toString() : key);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void closeQuietly() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing a file we only read
            }
            channel = null;
        }
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::loop, "qingfeng-audit-tail");
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
