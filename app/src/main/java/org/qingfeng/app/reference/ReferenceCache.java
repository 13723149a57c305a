package org.qingfeng.app.reference;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.qingfeng.config.reference.Drug;
import org.qingfeng.config.reference.Enterprise;
import org.qingfeng.config.reference.StaffMember;
import org.qingfeng.monitors.InMemoryReferenceData;
import org.qingfeng.monitors.ReferenceData;

/** The reference data the monitors read, held in memory and swapped whole after each import. */
public class ReferenceCache implements ReferenceData {

    private final ReferenceRepository repository;
    private volatile InMemoryReferenceData snapshot = new InMemoryReferenceData(Map.of(), Map.of());

    public ReferenceCache(ReferenceRepository repository) {
        this.repository = repository;
    }

    public void reload() {
        List<Drug> drugs = repository.drugs();
        List<StaffMember> staff = repository.staff();
        snapshot = InMemoryReferenceData.of(drugs, staff, repository.enterprises());
    }

    @Override
    public Optional<Drug> drug(String code) {
        return snapshot.drug(code);
    }

    @Override
    public Optional<StaffMember> staff(String id) {
        return snapshot.staff(id);
    }

    @Override
    public Optional<Enterprise> enterprise(String code) {
        return snapshot.enterprise(code);
    }

    @Override
    public List<Drug> drugsWithGeneric(String genericName) {
        return snapshot.drugsWithGeneric(genericName);
    }

    @Override
    public List<String> staffAtTerminal(String terminal) {
        return snapshot.staffAtTerminal(terminal);
    }

    public int enterpriseCount() {
        return snapshot.enterprises().size();
    }

    public int drugCount() {
        return snapshot.drugs().size();
    }

    public int staffCount() {
        return snapshot.staff().size();
    }
}
