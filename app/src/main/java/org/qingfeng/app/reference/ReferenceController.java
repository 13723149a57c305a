package org.qingfeng.app.reference;

import java.util.List;
import java.util.Map;
import org.qingfeng.config.reference.Drug;
import org.qingfeng.config.reference.Enterprise;
import org.qingfeng.config.reference.StaffMember;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code PUT /api/v1/reference/{drugs|staff|enterprises}} with a CSV body (interfaces.md §4). */
@RestController
@RequestMapping("/api/v1/reference")
public class ReferenceController {

    private final ReferenceImportService imports;
    private final ReferenceRepository repository;

    public ReferenceController(ReferenceImportService imports, ReferenceRepository repository) {
        this.imports = imports;
        this.repository = repository;
    }

    @PutMapping(
            path = "/drugs",
            consumes = {"text/csv", "text/plain", "application/octet-stream"})
    @PreAuthorize("hasRole('IT_ADMIN')")
    public Map<String, Integer> drugs(@RequestBody byte[] csv) {
        return Map.of("imported", imports.importDrugs(csv));
    }

    @PutMapping(
            path = "/staff",
            consumes = {"text/csv", "text/plain", "application/octet-stream"})
    @PreAuthorize("hasRole('IT_ADMIN')")
    public Map<String, Integer> staff(@RequestBody byte[] csv) {
        return Map.of("imported", imports.importStaff(csv));
    }

    @PutMapping(
            path = "/enterprises",
            consumes = {"text/csv", "text/plain", "application/octet-stream"})
    @PreAuthorize("hasRole('IT_ADMIN')")
    public Map<String, Integer> enterprises(@RequestBody byte[] csv) {
        return Map.of("imported", imports.importEnterprises(csv));
    }

    @GetMapping("/enterprises")
    @PreAuthorize("hasAnyRole('IT_ADMIN', 'PHARMACIST', 'DISCIPLINE')")
    public List<Enterprise> listEnterprises() {
        return repository.enterprises();
    }

    @GetMapping("/drugs")
    @PreAuthorize("hasAnyRole('IT_ADMIN', 'PHARMACIST', 'DISCIPLINE')")
    public List<Drug> listDrugs() {
        return repository.drugs();
    }

    @GetMapping("/staff")
    @PreAuthorize("hasAnyRole('IT_ADMIN', 'DISCIPLINE')")
    public List<StaffMember> listStaff() {
        return repository.staff();
    }
}
