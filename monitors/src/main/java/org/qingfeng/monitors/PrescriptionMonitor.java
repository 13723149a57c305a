package org.qingfeng.monitors;

import java.util.ArrayList;
import java.util.List;
import org.qingfeng.config.QingfengProperties;
import org.qingfeng.config.RuleSettings;
import org.qingfeng.monitors.event.OtherOrder;
import org.qingfeng.monitors.event.Prescription;
import org.qingfeng.monitors.finding.Finding;
import org.qingfeng.monitors.rules.AmountHighRule;
import org.qingfeng.monitors.rules.AntibioticPrivilegeRule;
import org.qingfeng.monitors.rules.BlacklistedSupplierRule;
import org.qingfeng.monitors.rules.ControlledPrivilegeRule;
import org.qingfeng.monitors.rules.ControlledQuantityRule;
import org.qingfeng.monitors.rules.DuplicateTherapyRule;
import org.qingfeng.monitors.rules.NoIndicationRule;
import org.qingfeng.monitors.rules.NonVbpChoiceRule;
import org.qingfeng.monitors.rules.PrescriptionRule;
import org.qingfeng.monitors.rules.RuleContext;
import org.qingfeng.monitors.rules.SupplyDaysRule;
import org.qingfeng.monitors.rules.TooManyItemsRule;

/** Runs every enabled real-time prescription rule over one prescription. Thread-safe. */
public final class PrescriptionMonitor {

    private final List<PrescriptionRule> rules;
    private final QingfengProperties properties;
    private final ReferenceData reference;

    public PrescriptionMonitor(List<PrescriptionRule> rules, QingfengProperties properties, ReferenceData reference) {
        this.rules = List.copyOf(rules);
        this.properties = properties;
        this.reference = reference;
    }

    /** Every rule of rules.md §1, registered in code. */
    public static List<PrescriptionRule> defaultRules() {
        return List.of(
                new SupplyDaysRule(),
                new TooManyItemsRule(),
                new AmountHighRule(),
                new AntibioticPrivilegeRule(),
                new ControlledPrivilegeRule(),
                new ControlledQuantityRule(),
                new DuplicateTherapyRule(),
                new NoIndicationRule(),
                new BlacklistedSupplierRule(),
                new NonVbpChoiceRule());
    }

    public List<PrescriptionRule> rules() {
        return rules;
    }

    public List<Finding> evaluate(Prescription prescription) {
        return evaluate(prescription, List.of());
    }

    /**
     * Evaluates one prescription.
     *
     * @param otherOrders lines of the same patient's other recent prescriptions (for duplicate therapy)
     */
    public List<Finding> evaluate(Prescription prescription, List<OtherOrder> otherOrders) {
        List<Finding> findings = new ArrayList<>();
        for (PrescriptionRule rule : rules) {
            RuleSettings settings = properties.rule(rule.code());
            if (Boolean.FALSE.equals(settings.getEnabled())) {
                continue;
            }
            RuleContext ctx = new RuleContext(reference, settings, prescription.departmentCode(), otherOrders);
            rule.evaluate(prescription, ctx).ifPresent(findings::add);
        }
        return findings;
    }
}
