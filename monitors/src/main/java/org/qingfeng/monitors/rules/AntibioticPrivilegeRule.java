package org.qingfeng.monitors.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.qingfeng.config.Severity;
import org.qingfeng.config.reference.AntibioticTier;
import org.qingfeng.config.reference.Drug;
import org.qingfeng.config.reference.StaffMember;
import org.qingfeng.monitors.event.PatientClass;
import org.qingfeng.monitors.event.Prescription;
import org.qingfeng.monitors.event.PrescriptionLine;
import org.qingfeng.monitors.finding.Finding;
import org.qingfeng.monitors.finding.Inbox;
import org.qingfeng.monitors.rules.PrescriptionEvidence.JustifiedWhen;

/**
 * RX_ANTIBIOTIC_PRIVILEGE (抗菌药物临床应用管理办法): an antibiotic whose tier is above the prescriber's privilege (by
 * title unless the roster says otherwise), or a special-use antibiotic in an outpatient or emergency prescription.
 */
public final class AntibioticPrivilegeRule implements PrescriptionRule {
    public static final String CODE = "RX_ANTIBIOTIC_PRIVILEGE";

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

    @Override
    public Optional<Finding> evaluate(Prescription rx, RuleContext ctx) {
        Optional<StaffMember> prescriber = ctx.reference().staff(rx.prescriberId());
        AntibioticTier allowed =
                prescriber.map(StaffMember::effectiveAntibioticTier).orElse(null);
        boolean ambulatory =
                rx.patientClass() == PatientClass.OUTPATIENT || rx.patientClass() == PatientClass.EMERGENCY;
        List<PrescriptionLine> offending = new ArrayList<>();
        List<Map<String, Object>> reasons = new ArrayList<>();
        AntibioticTier highest = null;
        for (PrescriptionLine l : rx.activeLines()) {
            AntibioticTier tier =
                    ctx.reference().drug(l.itemCode()).map(Drug::antibioticTier).orElse(null);
            if (tier == null) {
                continue;
            }
            String reason = null;
            if (tier.above(allowed)) {
                reason = allowed == null ? "PRESCRIBER_HAS_NO_ANTIBIOTIC_PRIVILEGE" : "TIER_ABOVE_PRIVILEGE";
            } else if (tier == AntibioticTier.SPECIAL && ambulatory) {
                reason = "SPECIAL_TIER_IN_" + rx.patientClass().name();
            }
            if (reason != null) {
                offending.add(l);
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("itemCode", l.itemCode());
                r.put("tier", tier.name());
                r.put("reason", reason);
                reasons.add(r);
                highest = highest == null || tier.compareTo(highest) > 0 ? tier : highest;
            }
        }
        if (offending.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put(
                "titleLevel",
                prescriber.map(s -> (Object) String.valueOf(s.titleLevel())).orElse(null));
        extra.put("inRoster", prescriber.isPresent());
        extra.put("violations", reasons);
        String title = "抗菌药物越级使用：" + highest.name() + " 超出处方权限 " + (allowed == null ? "无" : allowed.name())
                + " / antibiotic above privilege";
        return Optional.of(PrescriptionEvidence.finding(
                this,
                rx,
                ctx,
                title,
                offending,
                allowed == null ? "NONE" : allowed.name(),
                highest.name(),
                extra,
                JustifiedWhen.EVERY_LINE));
    }
}
