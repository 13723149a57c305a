package org.qingfeng.monitors.review;

/** A prescriber's prescribing rights (处方权) as the hospital recorded them (处方管理办法 §46). */
public enum PrivilegeState {
    NORMAL,
    /** warned and restricted (警告，限制处方权) */
    RESTRICTED,
    /** prescribing rights withdrawn (取消处方权) */
    REVOKED
}
