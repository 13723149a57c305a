package org.qingfeng.monitors.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qingfeng.config.RuleSettings;
import org.qingfeng.monitors.finding.Finding;
import org.qingfeng.monitors.finding.Subject;
import org.qingfeng.monitors.finding.SubjectType;

class RepeatedIrrationalRuleTest {
    private final RepeatedIrrationalRule rule = new RepeatedIrrationalRule();
    private final Subject doctor = new Subject(SubjectType.STAFF, "D1", "张医生");
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    private static List<ConfirmedIrrational> reviews(int n, ReviewCategory category, Instant from) {
        List<ConfirmedIrrational> list = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            list.add(new ConfirmedIrrational("H:RX" + i, category, "pharm", from.plusSeconds(i * 3600L), "alert:" + i));
        }
        return list;
    }

    @Test
    void firesAtTheThirdExcessivePrescriptionNotBefore() {
        RuleSettings s = new RuleSettings();
        assertThat(rule.evaluate(
                        doctor, "CARD", PrivilegeState.NORMAL, null, reviews(2, ReviewCategory.EXCESSIVE, T0), s))
                .isEmpty();
        Finding f = rule.evaluate(
                        doctor, "CARD", PrivilegeState.NORMAL, null, reviews(3, ReviewCategory.EXCESSIVE, T0), s)
                .orElseThrow();
        assertThat(f.evidence().get("recommendation")).isEqualTo("WARN_AND_RESTRICT");
        assertThat(f.evidence().get("actual")).isEqualTo(3);
        assertThat((List<?>) f.evidence().get("reviews")).hasSize(3);
    }

    @Test
    void twoReviewsOfOnePrescriptionCountOnce() {
        List<ConfirmedIrrational> list = new ArrayList<>(reviews(2, ReviewCategory.EXCESSIVE, T0));
        list.add(new ConfirmedIrrational(
                "H:RX1", ReviewCategory.EXCESSIVE, "pharm2", T0.plusSeconds(99_000), "sample:1"));
        assertThat(rule.evaluate(doctor, "CARD", PrivilegeState.NORMAL, null, list, new RuleSettings()))
                .isEmpty();
    }

    @Test
    void onlyConfiguredCategoriesCount() {
        RuleSettings s = new RuleSettings();
        assertThat(rule.evaluate(
                        doctor, "CARD", PrivilegeState.NORMAL, null, reviews(5, ReviewCategory.NONSTANDARD, T0), s))
                .isEmpty();
        s.setCategories(List.of("EXCESSIVE", "NONSTANDARD"));
        assertThat(rule.evaluate(
                        doctor, "CARD", PrivilegeState.NORMAL, null, reviews(3, ReviewCategory.NONSTANDARD, T0), s))
                .isPresent();
    }

    @Test
    void afterARestrictionTwoMoreRecommendRevocationAndEarlierOnesDoNotCount() {
        Instant restrictedAt = T0.plusSeconds(10 * 3600L);
        List<ConfirmedIrrational> list = new ArrayList<>(reviews(3, ReviewCategory.EXCESSIVE, T0));
        list.add(new ConfirmedIrrational(
                "H:RX10", ReviewCategory.EXCESSIVE, "pharm", restrictedAt.plusSeconds(60), "alert:10"));
        assertThat(rule.evaluate(doctor, "CARD", PrivilegeState.RESTRICTED, restrictedAt, list, new RuleSettings()))
                .isEmpty();
        list.add(new ConfirmedIrrational(
                "H:RX11", ReviewCategory.EXCESSIVE, "pharm", restrictedAt.plusSeconds(120), "alert:11"));
        Finding f = rule.evaluate(doctor, "CARD", PrivilegeState.RESTRICTED, restrictedAt, list, new RuleSettings())
                .orElseThrow();
        assertThat(f.evidence().get("recommendation")).isEqualTo("REVOKE");
        assertThat(f.scope()).isEqualTo("PRIVILEGE:RESTRICTED:" + restrictedAt);
    }

    @Test
    void revokedPrescribersAreNotEscalatedAgain() {
        assertThat(rule.evaluate(
                        doctor,
                        "CARD",
                        PrivilegeState.REVOKED,
                        T0,
                        reviews(9, ReviewCategory.EXCESSIVE, T0),
                        new RuleSettings()))
                .isEmpty();
    }
}
