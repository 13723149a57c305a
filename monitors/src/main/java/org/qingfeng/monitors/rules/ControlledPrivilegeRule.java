package org.qingfeng.monitors.rules;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.qingfeng.config.Severity;
import org.qingfeng.config.reference.ControlledClass;
import org.qingfeng.config.reference.StaffMember;
import org.qingfeng.monitors.event.Prescription;
import org.qingfeng.monitors.event.PrescriptionLine;
import org.qingfeng.monitors.finding.Finding;
import org.qingfeng.monitors.finding.Inbox;
import org.qingfeng.monitors.rules.PrescriptionEvidence.JustifiedWhen;

/**
 * RX_CONTROLLED_PRIVILEGE (麻醉药品和精神药品管理条例; 处方管理办法 §11): a narcotic or class-I psychotropic prescribed by
 * someone the roster does not grant the privilege (麻醉药品和第一类精神药品处方资格), or who is not in the roster.
 */
public final class ControlledPrivilegeRule implements PrescriptionRule {
    public static final String CODE = "RX_CONTROLLED_PRIVILEGE";

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
        if (prescriber.map(StaffMember::controlledPrivilege).orElse(false)) {
            return Optional.empty();
        }
        List<PrescriptionLine> offending = rx.activeLines().stream()
                .filter(l -> ctx.reference()
                        .drug(l.itemCode())
                        .map(d -> d.controlledClass() == ControlledClass.NARCOTIC
                                || d.controlledClass() == ControlledClass.PSYCH_I)
                        .orElse(false))
                .toList();
        if (offending.isEmpty()) {
            return Optional.empty();
        }
        String title = "无麻醉药品/第一类精神药品处方资格开具 " + offending.get(0).itemName() + " / controlled drug without privilege";
        return Optional.of(PrescriptionEvidence.finding(
                this,
                rx,
                ctx,
                title,
                offending,
                "CONTROLLED_PRIVILEGE",
                prescriber.isPresent() ? "NO_PRIVILEGE" : "NOT_IN_ROSTER",
                Map.of("inRoster", prescriber.isPresent()),
                JustifiedWhen.EVERY_LINE));
    }
}
