package org.qingfeng.connectors.hl7;

/**
 * Why a message was refused, and where: segment, its repetition (1-based) and field, as written in ERR-2 (for
 * example {@code ORC^1^12}). Field 0 means the whole segment.
 */
public record FieldProblem(String segment, int repetition, int field, String reason) {

    public String location() {
        return field == 0 ? segment + "^" + repetition : segment + "^" + repetition + "^" + field;
    }

    @Override
    public String toString() {
        return location() + ": " + reason;
    }
}
