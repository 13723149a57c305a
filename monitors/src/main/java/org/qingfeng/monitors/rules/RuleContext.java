package org.qingfeng.monitors.rules;

import java.util.function.Function;
import org.qingfeng.config.RuleSettings;
import org.qingfeng.config.Severity;
import org.qingfeng.monitors.ReferenceData;

/**
 * What a rule may consult while evaluating one prescription: reference data and its own settings, with the
 * prescription's department overrides applied.
 */
public record RuleContext(ReferenceData reference, RuleSettings settings, String departmentCode) {

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
