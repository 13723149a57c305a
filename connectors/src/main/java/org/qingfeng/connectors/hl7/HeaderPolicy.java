package org.qingfeng.connectors.hl7;

import ca.uhn.hl7v2.ErrorCode;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * The acceptance check of interfaces.md §1: which message types, versions and processing IDs this listener takes.
 * What fails here is answered AR.
 */
public final class HeaderPolicy {

    public static final Set<String> TYPES = Set.of("RDE^O11", "RDE^O25", "OMP^O09", "ORM^O01", "RDS^O13", "RAS^O17");
    public static final Set<String> VERSIONS =
            Set.of("2.3", "2.3.1", "2.4", "2.5", "2.5.1", "2.6", "2.7", "2.7.1", "2.8", "2.8.1", "2.8.2");
    /** Production, training and debugging messages are all taken; other codes are refused. */
    public static final Set<String> PROCESSING_IDS = Set.of("P", "T", "D");

    private HeaderPolicy() {}

    public static Optional<FieldProblem> check(Hl7Header h, Collection<String> facilities) {
        if (h.version() == null || !VERSIONS.contains(h.version())) {
            return problem(
                    12,
                    ErrorCode.UNSUPPORTED_VERSION_ID,
                    "version '" + h.version() + "' is not supported (2.3 to 2.8)");
        }
        if (!TYPES.contains(h.typeAndEvent())) {
            return problem(
                    9,
                    ErrorCode.UNSUPPORTED_MESSAGE_TYPE,
                    "message type " + h.typeAndEvent() + " is not supported; accepted: "
                            + String.join(", ", TYPES.stream().sorted().toList()));
        }
        if (h.processingId() == null || !PROCESSING_IDS.contains(h.processingId())) {
            return problem(
                    11,
                    ErrorCode.UNSUPPORTED_PROCESSING_ID,
                    "processing ID '" + h.processingId() + "' is not accepted (P, T or D)");
        }
        if (h.controlId() == null) {
            return problem(10, ErrorCode.REQUIRED_FIELD_MISSING, "message control ID (MSH-10) is missing");
        }
        if (!facilities.isEmpty() && !facilities.contains(h.sendingFacility())) {
            return problem(
                    4,
                    ErrorCode.TABLE_VALUE_NOT_FOUND,
                    "sending facility '" + h.sendingFacility() + "' is not configured for this feed");
        }
        return Optional.empty();
    }

    private static Optional<FieldProblem> problem(int field, ErrorCode code, String reason) {
        return Optional.of(new FieldProblem("MSH", 1, field, code, reason));
    }
}
