package org.qingfeng.connectors.hl7;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Composite;
import ca.uhn.hl7v2.model.Primitive;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.Type;
import ca.uhn.hl7v2.model.Varies;
import ca.uhn.hl7v2.util.Terser;

/**
 * Null-safe reads of field components from any segment, generic or version-specific. Reads never add fields or
 * repetitions to the parsed message; the common shapes (a primitive, a composite of primitives) are read directly,
 * anything else through HAPI's {@link Terser}.
 */
final class Hl7Fields {
    private Hl7Fields() {}

    /** Component {@code component} (1-based) of the first repetition of field {@code field}, or null. */
    static String get(Segment segment, int field, int component) {
        return get(segment, field, 0, component, 1);
    }

    static String get(Segment segment, int field, int repetition, int component, int subcomponent) {
        if (segment == null || field > segment.numFields()) {
            return null;
        }
        try {
            Type[] reps = segment.getField(field);
            if (repetition >= reps.length) {
                return null;
            }
            String v = read(reps[repetition], component, subcomponent);
            if (v == null) {
                v = Terser.get(segment, field, repetition, component, subcomponent);
            }
            if (v == null) {
                return null;
            }
            v = v.trim();
            return v.isEmpty() || v.equals("\"\"") ? null : v;
        } catch (HL7Exception | RuntimeException e) {
            return null;
        }
    }

    /** The value, "" for a present but empty component, or null when the shape needs Terser. */
    private static String read(Type type, int component, int subcomponent) {
        Type t = unwrap(type);
        if (t instanceof Primitive p) {
            if (component == 1 && subcomponent == 1) {
                return p.getValue() == null ? "" : p.getValue();
            }
            return p.getExtraComponents().numComponents() == 0 ? "" : null;
        }
        if (t instanceof Composite c) {
            Type[] components = c.getComponents();
            if (component > components.length) {
                return t.getExtraComponents().numComponents() == 0 ? "" : null;
            }
            Type part = unwrap(components[component - 1]);
            if (part instanceof Primitive p && subcomponent == 1) {
                return p.getValue() == null ? "" : p.getValue();
            }
            if (part instanceof Composite sub && subcomponent <= sub.getComponents().length) {
                Type leaf = unwrap(sub.getComponents()[subcomponent - 1]);
                return leaf instanceof Primitive p ? (p.getValue() == null ? "" : p.getValue()) : null;
            }
        }
        return null;
    }

    private static Type unwrap(Type type) {
        Type t = type;
        while (t instanceof Varies v) {
            t = v.getData();
        }
        return t;
    }
}
