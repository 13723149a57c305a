package org.qingfeng.connectors.hl7;

/** What the lines of a message record: orders (RDE, OMP, ORM), dispenses (RDS) or administrations (RAS). */
public enum LineKind {
    ORDER,
    DISPENSE,
    ADMINISTRATION
}
