package org.qingfeng.app.reference;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.qingfeng.config.reference.Drug;
import org.qingfeng.config.reference.StaffMember;
import org.qingfeng.monitors.ReferenceData;

/** The reference data the monitors read, held in memory and swapped whole after each import. */
public class ReferenceCache implements ReferenceData {

    private record Snapshot(Map<String, Drug> drugs, Map<String, StaffMember> staff) {}

    private final ReferenceRepository repository;
    private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of());

    public ReferenceCache(ReferenceRepository repository) {
        this.repository = repository;
    }

    public void reload() {
        snapshot = new Snapshot(
                repository.drugs().stream().collect(Collectors.toUnmodifiableMap(Drug::code, Function.identity())),
                repository.staff().stream()
                        .collect(Collectors.toUnmodifiableMap(StaffMember::id, Function.identity())));
    }

    @Override
    public Optional<Drug> drug(String code) {
        return code == null
                ? Optional.empty()
                : Optional.ofNullable(snapshot.drugs().get(code));
    }

    @Override
    public Optional<StaffMember> staff(String id) {
        return id == null
                ? Optional.empty()
                : Optional.ofNullable(snapshot.staff().get(id));
    }

    public int drugCount() {
        return snapshot.drugs().size();
    }

    public int staffCount() {
        return snapshot.staff().size();
    }
}
