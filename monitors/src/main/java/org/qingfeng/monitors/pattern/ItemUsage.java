package org.qingfeng.monitors.pattern;

/**
 * Use of one item by one prescriber in one department over a period, summed from the daily rollups: amount in yuan,
 * quantity in the item's unit, prescriptions, and patient visits (distinct patients per day, summed).
 */
public record ItemUsage(
        String prescriberId,
        String departmentCode,
        String itemCode,
        double amount,
        double quantity,
        long prescriptions,
        long patients) {}
