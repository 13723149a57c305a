package org.qingfeng.monitors;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.qingfeng.config.reference.Drug;
import org.qingfeng.config.reference.Enterprise;
import org.qingfeng.config.reference.StaffMember;

/** Reference data held in immutable maps: the catalog by code and by generic name, the roster, the enterprises. */
public final class InMemoryReferenceData implements ReferenceData {

    private final Map<String, Drug> drugs;
    private final Map<String, StaffMember> staff;
    private final Map<String, Enterprise> enterprises;
    private final Map<String, List<Drug>> byGeneric;
    private final Map<String, List<String>> byTerminal;

    public InMemoryReferenceData(
            Map<String, Drug> drugs, Map<String, StaffMember> staff, Map<String, Enterprise> enterprises) {
        this.drugs = Map.copyOf(drugs);
        this.staff = Map.copyOf(staff);
        this.enterprises = Map.copyOf(enterprises);
        this.byGeneric = drugs.values().stream()
                .filter(d -> d.genericName() != null)
                .collect(Collectors.groupingBy(Drug::genericName, Collectors.toUnmodifiableList()));
        this.byTerminal = staff.values().stream()
                .sorted(java.util.Comparator.comparing(StaffMember::id))
                .flatMap(m -> m.terminals().stream().map(t -> Map.entry(t, m.id())))
                .collect(Collectors.groupingBy(
                        Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toUnmodifiableList())));
    }

    public InMemoryReferenceData(Map<String, Drug> drugs, Map<String, StaffMember> staff) {
        this(drugs, staff, Map.of());
    }

    public static InMemoryReferenceData of(
            Collection<Drug> drugs, Collection<StaffMember> staff, Collection<Enterprise> enterprises) {
        return new InMemoryReferenceData(
                drugs.stream().collect(Collectors.toMap(Drug::code, Function.identity())),
                staff.stream().collect(Collectors.toMap(StaffMember::id, Function.identity())),
                enterprises.stream().collect(Collectors.toMap(Enterprise::code, Function.identity())));
    }

    public Map<String, Drug> drugs() {
        return drugs;
    }

    public Map<String, StaffMember> staff() {
        return staff;
    }

    public Map<String, Enterprise> enterprises() {
        return enterprises;
    }

    @Override
    public Optional<Drug> drug(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(drugs.get(code));
    }

    @Override
    public Optional<StaffMember> staff(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(staff.get(id));
    }

    @Override
    public Optional<Enterprise> enterprise(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(enterprises.get(code));
    }

    @Override
    public List<Drug> drugsWithGeneric(String genericName) {
        return genericName == null ? List.of() : byGeneric.getOrDefault(Objects.requireNonNull(genericName), List.of());
    }

    @Override
    public List<String> staffAtTerminal(String terminal) {
        return terminal == null ? List.of() : byTerminal.getOrDefault(terminal, List.of());
    }
}
