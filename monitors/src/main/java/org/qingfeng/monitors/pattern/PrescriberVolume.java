package org.qingfeng.monitors.pattern;

/** A prescriber's activity in one department over a period: patient visits and prescriptions, to normalize by. */
public record PrescriberVolume(String prescriberId, String departmentCode, long visits, long prescriptions) {}
