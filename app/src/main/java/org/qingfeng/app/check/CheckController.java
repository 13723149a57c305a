package org.qingfeng.app.check;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qingfeng.app.web.ApiException;
import org.qingfeng.app.web.Params;
import org.qingfeng.config.QingfengProperties;
import org.qingfeng.config.reference.StaffMember;
import org.qingfeng.connectors.mapping.DaysSupply;
import org.qingfeng.connectors.privacy.PatientPseudonymizer;
import org.qingfeng.monitors.ReferenceData;
import org.qingfeng.monitors.event.LineStatus;
import org.qingfeng.monitors.event.PatientClass;
import org.qingfeng.monitors.event.Prescription;
import org.qingfeng.monitors.event.PrescriptionLine;
import org.qingfeng.monitors.finding.Finding;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/prescriptions/check}: order entry or a pharmacy system sends a prescription before saving it
 * and gets every finding of the real-time rules back. Nothing is stored; no alert is raised.
 */
@RestController
@RequestMapping("/api/v1/prescriptions")
public class CheckController {

    static final int MAX_LINES = 100;

    private final CheckService service;
    private final ReferenceData reference;
    private final PatientPseudonymizer pseudonymizer;
    private final QingfengProperties properties;

    public CheckController(
            CheckService service,
            ReferenceData reference,
            PatientPseudonymizer pseudonymizer,
            QingfengProperties properties) {
        this.service = service;
        this.reference = reference;
        this.pseudonymizer = pseudonymizer;
        this.properties = properties;
    }

    public record LineRequest(
            String placerOrderNo,
            String itemCode,
            BigDecimal dose,
            String doseUnit,
            BigDecimal quantity,
            String quantityUnit,
            String frequency,
            BigDecimal daysSupply,
            String route,
            String indication,
            String justification,
            Boolean chronic) {}

    public record CheckRequest(
            String facility,
            String prescriptionNo,
            String patientId,
            String patientIdAuthority,
            String patientClass,
            String departmentCode,
            String prescriberId,
            String orderedAt,
            List<LineRequest> lines) {}

    @PostMapping("/check")
    public Map<String, Object> check(@RequestBody CheckRequest request) {
        Prescription rx = prescription(request);
        List<Finding> findings = service.check(rx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("prescription", rx.key());
        body.put("findings", findings.stream().map(CheckController::view).toList());
        return body;
    }

    static Map<String, Object> view(Finding f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rule", f.rule());
        m.put("severity", f.severity().name());
        m.put("inbox", f.inbox().name());
        m.put("title", f.title());
        m.put("justified", f.justified());
        m.put("evidence", f.evidence());
        return m;
    }

    private Prescription prescription(CheckRequest r) {
        required(r.prescriberId(), "prescriberId");
        if (r.lines() == null || r.lines().isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "missing-field", "lines", "a prescription needs lines");
        }
        if (r.lines().size() > MAX_LINES) {
            throw new ApiException(
                    HttpStatus.BAD_REQUEST, "too-many", "lines", "at most " + MAX_LINES + " lines per prescription");
        }
        String facility = r.facility() == null || r.facility().isBlank()
                ? properties.getCheck().getFacility()
                : r.facility().trim();
        PatientClass patientClass = r.patientClass() == null || r.patientClass().isBlank()
                ? PatientClass.OUTPATIENT
                : Params.enumValue(PatientClass.class, r.patientClass(), "patientClass");
        List<PrescriptionLine> lines = new ArrayList<>();
        for (int i = 0; i < r.lines().size(); i++) {
            LineRequest l = r.lines().get(i);
            String at = "lines[" + i + "]";
            if (l == null) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "missing-field", at, "a line is null");
            }
            required(l.itemCode(), at + ".itemCode");
            String name = reference
                    .drug(l.itemCode())
                    .map(d -> d.name())
                    .orElseThrow(() -> new ApiException(
                            HttpStatus.UNPROCESSABLE_CONTENT,
                            "unknown-drug",
                            at + ".itemCode",
                            "'" + l.itemCode() + "' is not in the drug catalog"));
            BigDecimal days = l.daysSupply() != null
                    ? l.daysSupply()
                    : DaysSupply.of(null, null, l.dose(), l.doseUnit(), l.quantity(), l.quantityUnit(), l.frequency());
            lines.add(new PrescriptionLine(
                    l.placerOrderNo() == null ? r.prescriptionNo() + "-" + (i + 1) : l.placerOrderNo(),
                    LineStatus.ACTIVE,
                    l.itemCode(),
                    name,
                    l.dose(),
                    l.doseUnit(),
                    l.quantity(),
                    l.quantityUnit(),
                    l.frequency(),
                    days,
                    l.route(),
                    l.indication(),
                    l.justification() == null || l.justification().isBlank() ? null : l.justification(),
                    Boolean.TRUE.equals(l.chronic())));
        }
        StaffMember staff = reference.staff(r.prescriberId()).orElse(null);
        String authority =
                r.patientIdAuthority() == null || r.patientIdAuthority().isBlank()
                        ? properties.getCheck().getPatientIdAuthority()
                        : r.patientIdAuthority();
        return new Prescription(
                facility,
                r.prescriptionNo() == null || r.prescriptionNo().isBlank() ? "DRAFT" : r.prescriptionNo(),
                pseudonymizer.pseudonym(authority, r.patientId()),
                patientClass,
                r.departmentCode() != null ? r.departmentCode() : staff == null ? null : staff.departmentCode(),
                staff == null ? null : staff.departmentName(),
                r.prescriberId(),
                staff == null ? null : staff.name(),
                orderedAt(r.orderedAt()),
                lines);
    }

    private static Instant orderedAt(String value) {
        if (value == null || value.isBlank()) {
            return Instant.now();
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ApiException(
                    HttpStatus.BAD_REQUEST,
                    "invalid-parameter",
                    "orderedAt",
                    "'" + value + "' is not an ISO-8601 instant");
        }
    }

    private static void required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "missing-field", field, "'" + field + "' is required");
        }
    }
}
