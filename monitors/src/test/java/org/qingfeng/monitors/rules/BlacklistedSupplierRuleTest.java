package org.qingfeng.monitors.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qingfeng.monitors.rules.Fixtures.*;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qingfeng.monitors.event.PatientClass;
import org.qingfeng.monitors.event.Prescription;
import org.qingfeng.monitors.finding.Finding;
import org.qingfeng.monitors.finding.Inbox;

class BlacklistedSupplierRuleTest {
    private final BlacklistedSupplierRule rule = new BlacklistedSupplierRule();

    private static Prescription on(String instant, String item) {
        Prescription p = rx(PatientClass.OUTPATIENT, "J1", line("L1", item, "7", "7"));
        return new Prescription(
                p.facility(),
                p.prescriptionNo(),
                p.patientKey(),
                p.patientClass(),
                p.departmentCode(),
                p.departmentName(),
                p.prescriberId(),
                p.prescriberName(),
                Instant.parse(instant),
                p.lines());
    }

    @Test
    void productOfABlacklistedEnterpriseGoesToTheDisciplineOffice() {
        Finding f = rule.evaluate(on("2026-11-20T01:00:00Z", "BAD"), defaults()).orElseThrow();
        assertThat(f.inbox()).isEqualTo(Inbox.DISCIPLINE);
        Map<?, ?> e = (Map<?, ?>) ((List<?>) f.evidence().get("enterprises")).get(0);
        assertThat(e.get("enterpriseName")).isEqualTo("问题药业");
        assertThat(e.get("blacklistedSince")).isEqualTo("2026-06-01");
    }

    @Test
    void ordersBeforeTheListingDateInChinaTimeAreSilent() {
        // 2026-05-31T16:30Z is 00:30 on 1 June in Beijing: listed
        assertThat(rule.evaluate(on("2026-05-31T16:30:00Z", "BAD"), defaults())).isPresent();
        // 2026-05-31T15:30Z is 23:30 on 31 May in Beijing: not yet listed
        assertThat(rule.evaluate(on("2026-05-31T15:30:00Z", "BAD"), defaults())).isEmpty();
        assertThat(rule.evaluate(on("2026-11-20T01:00:00Z", "ATV2"), defaults()))
                .isEmpty();
    }

    @Test
    void justificationIsCarried() {
        Prescription p = rx(PatientClass.OUTPATIENT, "J1", justified(line("L1", "BAD", "7", "7"), "唯一供货"));
        assertThat(rule.evaluate(p, defaults()).orElseThrow().justified()).isTrue();
    }
}
