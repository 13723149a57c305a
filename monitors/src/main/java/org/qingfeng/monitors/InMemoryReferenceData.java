package org.qingfeng.monitors;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.qingfeng.config.reference.Drug;
import org.qingfeng.config.reference.StaffMember;

/** Reference data held in immutable maps: the catalog by code, the roster by id. */
public record InMemoryReferenceData(Map<String, Drug> drugs, Map<String, StaffMember> staff) implements ReferenceData {

    public InMemoryReferenceData {
        drugs = Map.copyOf(drugs);
        staff = Map.copyOf(staff);
    }

    public static InMemoryReferenceData of(Collection<Drug> drugs, Collection<StaffMember> staff) {
        return new InMemoryReferenceData(
                drugs.stream().collect(Collectors.toMap(Drug::code, Function.identity())),
                staff.stream().collect(Collectors.toMap(StaffMember::id, Function.identity())));
    }

    @Override
    public Optional<Drug> drug(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(drugs.get(code));
    }

    @Override
    public Optional<StaffMember> staff(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(staff.get(id));
    }
}
