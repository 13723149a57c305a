package org.qingfeng.app.persistence.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * An append-only journal of received messages: the point of durability before an ACK. Records are appended in
 * groups and forced to disk once per group; the database is written from the journal afterwards in large batches.
 * Each record is {@code [length][crc32c][sequence][payload]}; a torn record at the end (the process died while
 * writing it) fails its checksum and is cut off when the journal is opened. Segments whose records have all reached
 * the database are deleted.
 *
 * <p>One thread appends; recovery reads before it starts. {@link #releaseThrough} may run on another thread.
 */
public final class IngestJournal implements AutoCloseable {

    private static final int HEADER = 4 + 4 + 8;
    private static final String PREFIX = "journal-";
    private static final String SUFFIX = ".log";

    /** One record read back. */
    public record Entry(long sequence, byte[] payload) {}

    private final Path dir;
    private final long segmentBytes;
    private final boolean force;
    private FileChannel active;
    private long activeFirst;
    /** Closed segments, oldest first: the only candidates for release, known without listing the folder. */
    private final java.util.ArrayDeque<Path> closed = new java.util.ArrayDeque<>();

    private long lastSequence;

    public IngestJournal(Path dir, long segmentBytes, boolean force) {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
        this.force = force;
        try {
            Files.createDirectories(dir);
            List<Path> segments = segments();
            if (segments.isEmpty()) {
                openSegment(1);
            } else {
                Path last = segments.get(segments.size() - 1);
                closed.addAll(segments.subList(0, segments.size() - 1));
                activeFirst = firstSequence(last);
                long[] end = scan(last, null, Long.MIN_VALUE);
                lastSequence = end[1] == 0 ? activeFirst - 1 : end[1];
                active = FileChannel.open(last, StandardOpenOption.WRITE);
                active.truncate(end[0]); // drop a torn tail
                active.position(end[0]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the ingest journal in " + dir, e);
        }
    }

    public long lastSequence() {
        return lastSequence;
    }

    /** Appends the payloads as consecutive records, forced to disk together; returns the last sequence number. */
    public long append(List<byte[]> payloads) throws IOException {
        if (active.position() >= segmentBytes) {
            active.close();
            synchronized (closed) {
                closed.add(segmentPath(activeFirst));
                openSegment(lastSequence + 1);
            }
        }
        int size = payloads.stream().mapToInt(p -> HEADER + p.length).sum();
        ByteBuffer buffer = ByteBuffer.allocate(size);
        long sequence = lastSequence;
        for (byte[] p : payloads) {
            sequence++;
            CRC32C crc = new CRC32C();
            crc.update(p);
            buffer.putInt(p.length)
                    .putInt((int) crc.getValue())
                    .putLong(sequence)
                    .put(p);
        }
        buffer.flip();
        long start = active.position();
        try {
            while (buffer.hasRemaining()) {
                active.write(buffer);
            }
            if (force) {
                active.force(false);
            }
        } catch (IOException e) {
            // Cut a partly written group off, so that later groups do not follow a torn record.
            try {
                active.truncate(start);
                active.position(start);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        lastSequence = sequence;
        return sequence;
    }

    /** Reads every intact record with a sequence above {@code after}, in order. */
    public void readAfter(long after, Consumer<Entry> consumer) {
        try {
            for (Path segment : segments()) {
                scan(segment, consumer, after);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the closed segments whose records are all at or below {@code sequence}. */
    public void releaseThrough(long sequence) throws IOException {
        synchronized (closed) {
            releaseClosedThrough(sequence);
        }
    }

    private void releaseClosedThrough(long sequence) throws IOException {
        while (!closed.isEmpty()) {
            Path oldest = closed.pollFirst();
            long nextFirst = closed.isEmpty() ? activeFirst : firstSequence(closed.peekFirst());
            if (nextFirst - 1 > sequence) {
                closed.addFirst(oldest); // still holds records the database has not got yet
                return;
            }
            Files.deleteIfExists(oldest);
        }
    }

    private Path segmentPath(long first) {
        return dir.resolve(String.format("%s%020d%s", PREFIX, first, SUFFIX));
    }

    private void openSegment(long first) throws IOException {
        activeFirst = first;
        Path path = segmentPath(first);
        active = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        if (lastSequence == 0) {
            lastSequence = first - 1;
        }
    }

    /** Reads a segment; returns {end offset of the last intact record, its sequence (0 if none)}. */
    private static long[] scan(Path segment, Consumer<Entry> consumer, long after) throws IOException {
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.READ)) {
            long size = channel.size();
            long offset = 0;
            long lastSeq = 0;
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            while (offset + HEADER <= size) {
                header.clear();
                channel.read(header, offset);
                header.flip();
                int length = header.getInt();
                int crc = header.getInt();
                long sequence = header.getLong();
                long expected = lastSeq == 0 ? firstSequence(segment) : lastSeq + 1;
                if (length <= 0 || sequence != expected || offset + HEADER + length > size) {
                    break; // a torn or foreign tail
                }
                ByteBuffer payload = ByteBuffer.allocate(length);
                channel.read(payload, offset + HEADER);
                CRC32C check = new CRC32C();
                check.update(payload.array());
                if ((int) check.getValue() != crc) {
                    break;
                }
                if (consumer != null && sequence > after) {
                    consumer.accept(new Entry(sequence, payload.array()));
                }
                lastSeq = sequence;
                offset += HEADER + length;
            }
            return new long[] {offset, lastSeq};
        }
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return new ArrayList<>(files.filter(p -> {
                        String n = p.getFileName().toString();
                        return n.startsWith(PREFIX) && n.endsWith(SUFFIX);
                    })
                    .sorted()
                    .toList());
        }
    }

    private static long firstSequence(Path segment) {
        String n = segment.getFileName().toString();
        return Long.parseLong(n.substring(PREFIX.length(), n.length() - SUFFIX.length()));
    }

    @Override
    public void close() throws IOException {
        active.close();
    }
}
