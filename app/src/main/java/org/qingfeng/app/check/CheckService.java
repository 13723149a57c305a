package org.qingfeng.app.check;

import java.util.List;
import java.util.Map;
import org.qingfeng.app.persistence.PrescriptionRepository;
import org.qingfeng.config.QingfengProperties;
import org.qingfeng.monitors.PrescriptionMonitor;
import org.qingfeng.monitors.event.OtherOrder;
import org.qingfeng.monitors.event.Prescription;
import org.qingfeng.monitors.finding.Finding;
import org.qingfeng.monitors.rules.DuplicateTherapyRule;

/**
 * Evaluates a draft prescription with every real-time rule and answers with the findings, without storing anything
 * or raising alerts: order entry asks before it saves. The alerts come when the order then arrives on a feed.
 */
public class CheckService {
    private final PrescriptionMonitor monitor;
    private final PrescriptionRepository prescriptions;
    private final QingfengProperties properties;

    public CheckService(
            PrescriptionMonitor monitor, PrescriptionRepository prescriptions, QingfengProperties properties) {
        this.monitor = monitor;
        this.prescriptions = prescriptions;
        this.properties = properties;
    }

    public List<Finding> check(Prescription rx) {
        List<OtherOrder> others = List.of();
        if (rx.patientKey() != null && rx.orderedAt() != null) {
            Map<String, List<OtherOrder>> found = prescriptions.activeOrdersOfPatients(
                    List.of(rx.patientKey()),
                    rx.orderedAt().minus(DuplicateTherapyRule.lookback(properties.rule(DuplicateTherapyRule.CODE))));
            others = found.getOrDefault(rx.patientKey(), List.of());
        }
        return monitor.evaluate(rx, others);
    }
}
