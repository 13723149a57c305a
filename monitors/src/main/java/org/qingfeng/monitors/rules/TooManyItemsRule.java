package org.qingfeng.monitors.rules;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.qingfeng.config.RuleSettings;
import org.qingfeng.config.Severity;
import org.qingfeng.config.reference.Drug;
import org.qingfeng.monitors.event.PatientClass;
import org.qingfeng.monitors.event.Prescription;
import org.qingfeng.monitors.event.PrescriptionLine;
import org.qingfeng.monitors.finding.Finding;
import org.qingfeng.monitors.finding.Inbox;
import org.qingfeng.monitors.rules.PrescriptionEvidence.JustifiedWhen;

/**
 * RX_TOO_MANY_ITEMS: more than N western or Chinese patent medicine lines in one outpatient or emergency prescription
 * (处方管理办法 §6). Herbal decoction pieces are not counted.
 */
public final class TooManyItemsRule implements PrescriptionRule {
    public static final String CODE = "RX_TOO_MANY_ITEMS";
    static final int MAX_ITEMS = 5;

    @Override
    public String code() {
        return CODE;
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.LOW;
    }

    @Override
    public Inbox inbox() {
        return Inbox.PHARMACY;
    }

    @Override
    public Optional<Finding> evaluate(Prescription rx, RuleContext ctx) {
        if (rx.patientClass() != PatientClass.OUTPATIENT && rx.patientClass() != PatientClass.EMERGENCY) {
            return Optional.empty();
        }
        List<PrescriptionLine> counted = rx.activeLines().stream()
                .filter(l -> !ctx.reference()
                        .drug(l.itemCode())
                        .map(Drug::isHerbalPieces)
                        .orElse(false))
                .toList();
        int max = ctx.threshold(RuleSettings::getMaxItems, MAX_ITEMS);
        if (counted.size() <= max) {
            return Optional.empty();
        }
        String title = "单张处方 " + counted.size() + " 种药品，超过 " + max + " 种 / too many items";
        return Optional.of(PrescriptionEvidence.finding(
                this, rx, ctx, title, counted, max, counted.size(), Map.of(), JustifiedWhen.ANY_LINE));
    }
}
