package org.qingfeng.config.reference;

/** Volume-based procurement (集采) status of a product. */
public enum VbpStatus {
    SELECTED,
    NON_SELECTED
}
