package org.qingfeng.monitors.finding;

/** Who works an alert: the pharmacy review queue, the discipline office, or hospital IT. */
public enum Inbox {
    PHARMACY,
    DISCIPLINE,
    IT
}
