package org.qingfeng.connectors.hl7;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.util.Terser;

/** Null-safe reads of field components from any segment, generic or version-specific. */
final class Hl7Fields {
    private Hl7Fields() {}

    /** Component {@code component} (1-based) of the first repetition of field {@code field}, or null. */
    static String get(Segment segment, int field, int component) {
        return get(segment, field, 0, component, 1);
    }

    static String get(Segment segment, int field, int repetition, int component, int subcomponent) {
        if (segment == null) {
            return null;
        }
        try {
            if (field > segment.numFields() && !(segment instanceof ca.uhn.hl7v2.model.GenericSegment)) {
                return null;
            }
            String v = Terser.get(segment, field, repetition, component, subcomponent);
            if (v == null) {
                return null;
            }
            v = v.trim();
            return v.isEmpty() || v.equals("\"\"") ? null : v;
        } catch (HL7Exception | RuntimeException e) {
            return null;
        }
    }
}
