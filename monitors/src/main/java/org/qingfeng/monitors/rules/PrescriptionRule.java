package org.qingfeng.monitors.rules;

import java.util.Optional;
import org.qingfeng.config.Severity;
import org.qingfeng.monitors.event.Prescription;
import org.qingfeng.monitors.finding.Finding;
import org.qingfeng.monitors.finding.Inbox;

/**
 * A real-time check of one prescription (rules.md §1). Implementations are stateless; everything they may consult
 * comes through the {@link RuleContext}.
 */
public interface PrescriptionRule {

    /** The stable public name of this detection (rules.md), used in configuration, metrics and the console. */
    String code();

    Severity defaultSeverity();

    Inbox inbox();

    Optional<Finding> evaluate(Prescription prescription, RuleContext context);
}
