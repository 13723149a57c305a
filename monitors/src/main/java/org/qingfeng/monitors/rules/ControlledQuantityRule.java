package org.qingfeng.monitors.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.qingfeng.config.RuleSettings;
import org.qingfeng.config.Severity;
import org.qingfeng.config.reference.ControlledClass;
import org.qingfeng.config.reference.Drug;
import org.qingfeng.monitors.event.PatientClass;
import org.qingfeng.monitors.event.Prescription;
import org.qingfeng.monitors.event.PrescriptionLine;
import org.qingfeng.monitors.finding.Finding;
import org.qingfeng.monitors.finding.Inbox;
import org.qingfeng.monitors.rules.PrescriptionEvidence.JustifiedWhen;

/**
 * RX_CONTROLLED_QUANTITY (处方管理办法 §23–24): for outpatients and emergency patients, a narcotic or class-I
 * psychotropic injection may cover one dose, a controlled-release form 7 days, other forms 3 days; a class-II
 * psychotropic 7 days. Doses of an injection are quantity ÷ dose when both are in the same unit, else the dispensed
 * quantity itself (one ampoule or vial per dose). Lines without a days' supply cannot be judged by days and are left
 * alone.
 */
public final class ControlledQuantityRule implements PrescriptionRule {
    public static final String CODE = "RX_CONTROLLED_QUANTITY";
    static final int INJECTION_DOSES = 1;
    static final int OTHER_DAYS = 3;
    static final int CONTROLLED_RELEASE_DAYS = 7;
    static final int PSYCH_II_DAYS = 7;
    private static final Set<String> INJECTION_ROUTES = Set.of("IV", "IM", "SC", "IH", "ID", "INJ", "IVGTT");

    @Override
    public String code() {
        return CODE;
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.HIGH;
    }

    @Override
    public Inbox inbox() {
        return Inbox.PHARMACY;
    }

    /** One line over its limit: what was measured, in which unit, against which limit. */
    private record Excess(PrescriptionLine line, String basis, String unit, BigDecimal limit, BigDecimal actual) {}

    @Override
    public Optional<Finding> evaluate(Prescription rx, RuleContext ctx) {
        if (rx.patientClass() != PatientClass.OUTPATIENT && rx.patientClass() != PatientClass.EMERGENCY) {
            return Optional.empty();
        }
        List<Excess> excesses = new ArrayList<>();
        for (PrescriptionLine l : rx.activeLines()) {
            Optional<Drug> drug = ctx.reference().drug(l.itemCode());
            if (drug.isEmpty() || drug.get().controlledClass() == null) {
                continue;
            }
            excess(l, drug.get(), ctx).ifPresent(excesses::add);
        }
        if (excesses.isEmpty()) {
            return Optional.empty();
        }
        Excess first = excesses.get(0);
        List<Map<String, Object>> details = new ArrayList<>();
        for (Excess e : excesses) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("itemCode", e.line().itemCode());
            d.put("basis", e.basis());
            d.put("unit", e.unit());
            d.put("limit", e.limit());
            d.put("actual", e.actual());
            details.add(d);
        }
        String title = "门诊特殊管理药品超量：" + first.line().itemName() + " "
                + first.actual().stripTrailingZeros().toPlainString() + " "
                + (first.unit().equals("DAYS") ? "天" : "次量")
                + "，上限 " + first.limit().stripTrailingZeros().toPlainString()
                + " / controlled drug over the outpatient limit";
        return Optional.of(PrescriptionEvidence.finding(
                this,
                rx,
                ctx,
                title,
                excesses.stream().map(Excess::line).toList(),
                first.limit(),
                first.actual(),
                Map.of("unit", first.unit(), "excesses", details),
                JustifiedWhen.EVERY_LINE));
    }

    private static Optional<Excess> excess(PrescriptionLine l, Drug drug, RuleContext ctx) {
        ControlledClass cls = drug.controlledClass();
        if (cls == ControlledClass.PSYCH_II) {
            return overDays(l, "PSYCH_II", ctx.threshold(RuleSettings::getPsychIiDays, PSYCH_II_DAYS));
        }
        if (injection(l, drug)) {
            BigDecimal doses = doses(l);
            int limit = ctx.threshold(RuleSettings::getInjectionDoses, INJECTION_DOSES);
            return doses != null && doses.compareTo(BigDecimal.valueOf(limit)) > 0
                    ? Optional.of(new Excess(l, cls + "_INJECTION", "DOSES", BigDecimal.valueOf(limit), doses))
                    : Optional.empty();
        }
        if (drug.controlledRelease()) {
            return overDays(
                    l,
                    cls + "_CONTROLLED_RELEASE",
                    ctx.threshold(RuleSettings::getControlledReleaseDays, CONTROLLED_RELEASE_DAYS));
        }
        return overDays(l, cls + "_OTHER_FORM", ctx.threshold(RuleSettings::getControlledDays, OTHER_DAYS));
    }

    private static Optional<Excess> overDays(PrescriptionLine l, String basis, int limit) {
        if (l.daysSupply() == null || l.daysSupply().compareTo(BigDecimal.valueOf(limit)) <= 0) {
            return Optional.empty();
        }
        return Optional.of(new Excess(l, basis, "DAYS", BigDecimal.valueOf(limit), l.daysSupply()));
    }

    static boolean injection(PrescriptionLine l, Drug drug) {
        String form = drug.form() == null ? "" : drug.form().toUpperCase(Locale.ROOT);
        return form.contains("INJECTION")
                || form.contains("注射")
                || (l.route() != null && INJECTION_ROUTES.contains(l.route().toUpperCase(Locale.ROOT)));
    }

    /** Doses a line covers: quantity ÷ dose in the same unit, else the quantity (one package per dose). */
    private static BigDecimal doses(PrescriptionLine l) {
        if (l.quantity() == null) {
            return null;
        }
        if (l.dose() != null
                && l.dose().signum() > 0
                && l.doseUnit() != null
                && l.doseUnit().equalsIgnoreCase(l.quantityUnit())) {
            return l.quantity().divide(l.dose(), 2, RoundingMode.HALF_UP);
        }
        return l.quantity();
    }
}
