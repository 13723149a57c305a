package org.qingfeng.monitors.event;

/** State of one order line after its order-control codes (ORC-1) are applied. */
public enum LineStatus {
    ACTIVE,
    CANCELLED,
    DISCONTINUED
}
