package org.qingfeng.connectors.hl7;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.qingfeng.config.MllpFeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The acknowledgement policy of interfaces.md §1, independent of the transport: decode, parse, accept or reject the
 * header (AR), validate the content (AE), store durably, and only then AA. Every refused message is kept as a dead
 * letter before the answer is sent. Never throws: every input gets an answer.
 */
public final class Hl7InboundProcessor {
    private static final Logger log = LoggerFactory.getLogger(Hl7InboundProcessor.class);

    private static final FieldProblem STORAGE_DOWN = new FieldProblem(
            "MSH", 1, 0, ErrorCode.APPLICATION_INTERNAL_ERROR, "message could not be stored, please resend");

    private final Hl7Codec codec;
    private final Hl7PrescriptionMapper mapper;
    private final InboundSink sink;
    private final IngestObserver observer;
    private final long storeTimeoutMillis;
    private final Clock clock;

    public Hl7InboundProcessor(
            Hl7Codec codec,
            Hl7PrescriptionMapper mapper,
            InboundSink sink,
            IngestObserver observer,
            long storeTimeoutMillis,
            Clock clock) {
        this.codec = codec;
        this.mapper = mapper;
        this.sink = sink;
        this.observer = observer;
        this.storeTimeoutMillis = storeTimeoutMillis;
        this.clock = clock;
    }

    public ProcessResult process(MllpFeed feed, byte[] raw) {
        return process(feed, raw, null);
    }

    /** Processes one message; {@code replayOf} names the dead letter being replayed, or is null. */
    public ProcessResult process(MllpFeed feed, byte[] raw, Long replayOf) {
        long start = System.nanoTime();
        Instant receivedAt = clock.instant();
        Charset charset = Hl7Text.charsetOf(raw, Charset.forName(feed.getCharset()));
        Hl7Text.Decoded decoded = Hl7Text.decodeChecked(raw, charset);
        Message message;
        try {
            message = codec.parse(decoded.text());
        } catch (HL7Exception | RuntimeException e) {
            String reason = "cannot be parsed: " + oneLine(e.getMessage());
            return reject(feed, raw, charset, receivedAt, reason, replayOf, decoded.text(), start);
        }
        Hl7Header header = Hl7Codec.header(message);
        Optional<FieldProblem> refused = refusal(feed, header, decoded.text());
        if (refused.isPresent()) {
            return answer(
                    feed,
                    raw,
                    charset,
                    receivedAt,
                    message,
                    header,
                    AcknowledgmentCode.AR,
                    refused.get(),
                    replayOf,
                    start);
        }
        if (!decoded.valid()) {
            // Kept as a dead letter, not processed: names and codes decoded in the wrong charset would be wrong.
            FieldProblem problem = new FieldProblem(
                    "MSH",
                    1,
                    18,
                    ErrorCode.DATA_TYPE_ERROR,
                    "the bytes are not valid " + charset.name()
                            + "; declare the character set in MSH-18 or configure the feed's charset");
            return answer(
                    feed, raw, charset, receivedAt, message, header, AcknowledgmentCode.AE, problem, replayOf, start);
        }
        Hl7PrescriptionMapper.Result mapped;
        try {
            mapped = mapper.map(message, header);
        } catch (RuntimeException e) {
            log.warn("Mapping failed for control ID {} on feed {}", header.controlId(), feed.getId(), e);
            mapped = new Hl7PrescriptionMapper.Result(
                    null,
                    List.of(new FieldProblem(
                            "MSH",
                            1,
                            0,
                            ErrorCode.APPLICATION_INTERNAL_ERROR,
                            "content could not be mapped: " + oneLine(e.getMessage()))));
        }
        if (!mapped.ok()) {
            return answer(
                    feed,
                    raw,
                    charset,
                    receivedAt,
                    message,
                    header,
                    AcknowledgmentCode.AE,
                    mapped.problems().get(0),
                    replayOf,
                    start);
        }
        return storeAndAck(feed, raw, charset, receivedAt, message, mapped.message(), replayOf, start);
    }

    /** The acceptance check (AR): the header policy, and ORM^O01 only as a pharmacy order (with RXO). */
    private static Optional<FieldProblem> refusal(MllpFeed feed, Hl7Header header, String text) {
        Optional<FieldProblem> refused = HeaderPolicy.check(header, feed.getFacilities());
        if (refused.isEmpty() && "ORM".equals(header.messageType()) && !text.contains("\rRXO|")) {
            return Optional.of(new FieldProblem(
                    "ORC", 1, 0, ErrorCode.UNSUPPORTED_MESSAGE_TYPE, "ORM^O01 without RXO is not a pharmacy order"));
        }
        return refused;
    }

    private ProcessResult storeAndAck(
            MllpFeed feed,
            byte[] raw,
            Charset charset,
            Instant receivedAt,
            Message message,
            MappedMessage mapped,
            Long replayOf,
            long start) {
        InboundSink.StoreOutcome outcome;
        try {
            outcome = sink.store(new InboundMessage(feed.getId(), raw, charset.name(), receivedAt, mapped, replayOf))
                    .get(storeTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return storageDown(feed, message, mapped.header(), charset, e, start);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return storageDown(feed, message, mapped.header(), charset, e, start);
        }
        String ack = encode(message, AcknowledgmentCode.AA, null);
        String result = outcome == InboundSink.StoreOutcome.DUPLICATE ? "duplicate" : "accepted";
        observer.answered(feed.getId(), mapped.header().typeAndEvent(), result, System.nanoTime() - start);
        return new ProcessResult("AA", result, ack, ack.getBytes(charset), null);
    }

    /** Storage is down or too slow: AE so that the sender keeps the message and retries. Nothing is dead-lettered. */
    private ProcessResult storageDown(
            MllpFeed feed, Message message, Hl7Header header, Charset charset, Exception e, long start) {
        log.error(
                "Storing message {} from feed {} failed; answering AE so the sender retries",
                header.controlId(),
                feed.getId(),
                e);
        String ack = encode(message, AcknowledgmentCode.AE, STORAGE_DOWN);
        FieldProblem problem = STORAGE_DOWN;
        observer.answered(feed.getId(), header.typeAndEvent(), "error", System.nanoTime() - start);
        return new ProcessResult("AE", "error", ack, ack.getBytes(charset), problem.toString());
    }

    private ProcessResult answer(
            MllpFeed feed,
            byte[] raw,
            Charset charset,
            Instant receivedAt,
            Message message,
            Hl7Header header,
            AcknowledgmentCode code,
            FieldProblem problem,
            Long replayOf,
            long start) {
        String ackCode = code.name();
        try {
            sink.deadLetter(new RejectedMessage(
                    feed.getId(),
                    raw,
                    charset.name(),
                    receivedAt,
                    header,
                    ackCode,
                    problem.location(),
                    problem.reason(),
                    replayOf));
        } catch (RuntimeException e) {
            return storageDown(feed, message, header, charset, e, start);
        }
        String ack = encode(message, code, problem);
        String outcome = code == AcknowledgmentCode.AR ? "rejected" : "error";
        observer.answered(feed.getId(), header.typeAndEvent(), outcome, System.nanoTime() - start);
        return new ProcessResult(ackCode, outcome, ack, ack.getBytes(charset), problem.toString());
    }

    private ProcessResult reject(
            MllpFeed feed,
            byte[] raw,
            Charset charset,
            Instant receivedAt,
            String reason,
            Long replayOf,
            String text,
            long start) {
        try {
            sink.deadLetter(new RejectedMessage(
                    feed.getId(), raw, charset.name(), receivedAt, Hl7Header.UNKNOWN, "AR", null, reason, replayOf));
        } catch (RuntimeException e) {
            log.error("Dead-lettering an unparseable message from feed {} failed", feed.getId(), e);
            String ack = codec.answerUnparseable(text, AcknowledgmentCode.AE, STORAGE_DOWN);
            observer.answered(feed.getId(), "unparseable", "error", System.nanoTime() - start);
            return new ProcessResult("AE", "error", ack, ack.getBytes(StandardCharsets.UTF_8), reason);
        }
        String ack = codec.answerUnparseable(
                text, AcknowledgmentCode.AR, new FieldProblem("MSH", 1, 0, ErrorCode.UNSUPPORTED_MESSAGE_TYPE, reason));
        observer.answered(feed.getId(), "unparseable", "rejected", System.nanoTime() - start);
        Charset answerCharset = charset.canEncode() ? charset : StandardCharsets.UTF_8;
        return new ProcessResult("AR", "rejected", ack, ack.getBytes(answerCharset), reason);
    }

    private String encode(Message message, AcknowledgmentCode code, FieldProblem problem) {
        try {
            return codec.ack(message, code, problem);
        } catch (HL7Exception | java.io.IOException | RuntimeException e) {
            log.warn("HAPI could not build an ACK from the inbound header; answering from a bare header", e);
            return codec.answerUnparseable(
                    "",
                    code,
                    problem != null ? problem : new FieldProblem("MSH", 1, 0, ErrorCode.MESSAGE_ACCEPTED, "accepted"));
        }
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        String line = s.replace('\r', ' ').replace('\n', ' ');
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
