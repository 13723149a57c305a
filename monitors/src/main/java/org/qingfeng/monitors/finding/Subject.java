package org.qingfeng.monitors.finding;

/** Who or what an alert is about. */
public record Subject(SubjectType type, String id, String name) {}
