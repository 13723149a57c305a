package org.qingfeng.config.reference;

public enum StaffRole {
    PHYSICIAN,
    PHARMACIST,
    NURSE,
    IT,
    ADMIN,
    OTHER
}
