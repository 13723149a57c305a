package org.qingfeng.monitors;

import java.util.ArrayList;
import java.util.List;
import org.qingfeng.config.QingfengProperties;
import org.qingfeng.config.RuleSettings;
import org.qingfeng.monitors.event.Prescription;
import org.qingfeng.monitors.finding.Finding;
import org.qingfeng.monitors.rules.AmountHighRule;
import org.qingfeng.monitors.rules.AntibioticPrivilegeRule;
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

    /** The rules of rules.md §1 implemented so far, registered in code. */
    public static List<PrescriptionRule> defaultRules() {
        return List.of(
                new SupplyDaysRule(), new TooManyItemsRule(), new AmountHighRule(), new AntibioticPrivilegeRule());
    }

    public List<PrescriptionRule> rules() {
        return rules;
    }

    public List<Finding> evaluate(Prescription prescription) {
        List<Finding> findings = new ArrayList<>();
        for (PrescriptionRule rule : rules) {
            RuleSettings settings = properties.rule(rule.code());
            if (Boolean.FALSE.equals(settings.getEnabled())) {
                continue;
            }
            RuleContext ctx = new RuleContext(reference, settings, prescription.departmentCode());
            rule.evaluate(prescription, ctx).ifPresent(findings::add);
        }
        return findings;
    }
}
