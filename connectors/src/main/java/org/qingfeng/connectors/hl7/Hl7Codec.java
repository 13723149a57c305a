package org.qingfeng.connectors.hl7;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.Location;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.parser.GenericModelClassFactory;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.util.idgenerator.InMemoryIDGenerator;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import java.io.IOException;

/**
 * The one shared HAPI context: generic model (every version 2.3–2.8 parsed alike, mapped by field meaning), no
 * structure validation (our own checks decide AR/AE), and an in-memory control-ID generator so that building an
 * ACK writes no files.
 */
public final class Hl7Codec {

    private final HapiContext context;
    private final PipeParser parser;

    public Hl7Codec() {
        context = new DefaultHapiContext(new GenericModelClassFactory());
        context.setValidationContext(ValidationContextFactory.noValidation());
        context.getParserConfiguration().setIdGenerator(new InMemoryIDGenerator());
        parser = context.getPipeParser();
    }

    public Message parse(String text) throws HL7Exception {
        if (!text.startsWith("MSH")) {
            throw new HL7Exception("the message does not start with an MSH segment", ErrorCode.SEGMENT_SEQUENCE_ERROR);
        }
        return parser.parse(text);
    }

    public static Hl7Header header(Message message) {
        Segment msh;
        try {
            msh = (Segment) message.get("MSH");
        } catch (HL7Exception e) {
            return Hl7Header.UNKNOWN;
        }
        return new Hl7Header(
                Hl7Fields.get(msh, 3, 1),
                Hl7Fields.get(msh, 4, 1),
                Hl7Fields.get(msh, 9, 1),
                Hl7Fields.get(msh, 9, 2),
                Hl7Fields.get(msh, 10, 1),
                Hl7Fields.get(msh, 11, 1),
                Hl7Fields.get(msh, 12, 1),
                Hl7Fields.get(msh, 7, 1));
    }

    /**
     * An ACK for a message that parsed, built by HAPI so that MSH, MSA and ERR are right for its version. A problem,
     * when given, is written into ERR with its location.
     */
    public String ack(Message inbound, AcknowledgmentCode code, FieldProblem problem) throws HL7Exception, IOException {
        HL7Exception error = null;
        if (problem != null) {
            error = new HL7Exception(problem.reason(), problem.code());
            Location location =
                    new Location().withSegmentName(problem.segment()).withSegmentRepetition(problem.repetition());
            if (problem.field() > 0) {
                location = location.withField(problem.field()).withFieldRepetition(1);
            }
            error.setLocation(location);
        }
        Message ack = inbound.generateACK(code, error);
        if (problem != null) {
            // ERR-8 (user message) carries the readable reason, also in versions whose ERR-3 is coded.
            ca.uhn.hl7v2.util.Terser terser = new ca.uhn.hl7v2.util.Terser(ack);
            try {
                terser.set("/ERR-8", problem.toString());
                terser.set("/MSA-3", truncate(problem.reason(), 80));
            } catch (HL7Exception ignored) {
                // older ACK structures without these fields keep what generateACK wrote
            }
        }
        return ack.encode();
    }

    /**
     * An answer for input that could not be parsed at all: HAPI builds it from the MSH alone when the MSH can be read,
     * else from an empty v2.5 header, so the sender always gets an answer.
     */
    public String answerUnparseable(String text, AcknowledgmentCode code, FieldProblem problem) {
        String firstSegment = text;
        int cr = text.indexOf('\r');
        if (cr >= 0) {
            firstSegment = text.substring(0, cr);
        }
        if (firstSegment.startsWith("MSH") && firstSegment.length() > 8) {
            try {
                Message mshOnly = parser.parse(firstSegment);
                return ack(mshOnly, code, problem);
            } catch (HL7Exception | IOException | RuntimeException ignored) {
                // fall through to the bare header
            }
        }
        try {
            Message bare = parser.parse("MSH|^~\\&|||||||ACK|UNKNOWN|P|2.5");
            return ack(bare, code, problem);
        } catch (HL7Exception | IOException e) {
            throw new IllegalStateException("cannot build a reject ACK", e);
        }
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
