package org.qingfeng.connectors.hl7;

import ca.uhn.hl7v2.ErrorCode;

/**
 * Why a message was refused, and where: segment, its repetition (1-based) and field, as written in ERR-2 (for
 * example {@code ORC^1^12}), and the HL7 error code (table 0357) written into ERR-3. Field 0 means the whole segment.
 */
public record FieldProblem(String segment, int repetition, int field, ErrorCode code, String reason) {

    public String location() {
        return field == 0 ? segment + "^" + repetition : segment + "^" + repetition + "^" + field;
    }

    @Override
    public String toString() {
        return location() + ": " + reason;
    }
}
