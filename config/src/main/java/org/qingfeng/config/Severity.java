package org.qingfeng.config;

/** Alert severity, as used in rules.md and in {@code qingfeng.rules.<CODE>.severity}. */
public enum Severity {
    LOW,
    MEDIUM,
    HIGH
}
