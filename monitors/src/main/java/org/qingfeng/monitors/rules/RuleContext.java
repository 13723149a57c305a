package org.qingfeng.monitors.rules;

import java.util.List;
import java.util.function.Function;
import org.qingfeng.config.RuleSettings;
import org.qingfeng.config.Severity;
import org.qingfeng.monitors.ReferenceData;
import org.qingfeng.monitors.event.OtherOrder;

/**
 * What a rule may consult while evaluating one prescription: reference data, its own settings with the prescription's
 * department overrides applied, and the patient's other recent orders.
 *
 * @param otherOrders lines of the patient's other prescriptions in the look-back window (not this prescription's)
 */
public record RuleContext(
        ReferenceData reference, RuleSettings settings, String departmentCode, List<OtherOrder> otherOrders) {

    public RuleContext {
        otherOrders = List.copyOf(otherOrders);
    }

    public RuleContext(ReferenceData reference, RuleSettings settings, String departmentCode) {
        this(reference, settings, departmentCode, List.of());
    }

    /** A threshold: the department's override, else the rule's configured value, else the rule's default. */
    public <T> T threshold(Function<RuleSettings, T> getter, T defaultValue) {
        if (departmentCode != null) {
            RuleSettings department = settings.getDepartments().get(departmentCode);
            if (department != null && getter.apply(department) != null) {
                return getter.apply(department);
            }
        }
        T configured = getter.apply(settings);
        return configured != null ? configured : defaultValue;
    }

    public Severity severity(Severity defaultSeverity) {
        return settings.getSeverity() != null ? settings.getSeverity() : defaultSeverity;
    }
}
