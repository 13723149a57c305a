package org.qingfeng.config.reference;

import java.util.List;

/** One row of the staff roster (interfaces.md §4, {@code staff}). */
public record StaffMember(
        String id,
        String name,
        String departmentCode,
        String departmentName,
        TitleLevel titleLevel,
        StaffRole role,
        AntibioticTier antibioticTierMax,
        boolean controlledPrivilege,
        List<String> terminals) {

    public StaffMember {
        terminals = List.copyOf(terminals);
    }

    /** The highest antibiotic tier this person may prescribe: the roster's value, else the title's default. */
    public AntibioticTier effectiveAntibioticTier() {
        if (antibioticTierMax != null) {
            return antibioticTierMax;
        }
        return titleLevel == null ? null : titleLevel.defaultAntibioticTier();
    }
}
