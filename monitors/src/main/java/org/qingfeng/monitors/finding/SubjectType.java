package org.qingfeng.monitors.finding;

public enum SubjectType {
    STAFF,
    REP,
    ACCOUNT,
    DEPARTMENT,
    ITEM,
    FEED
}
