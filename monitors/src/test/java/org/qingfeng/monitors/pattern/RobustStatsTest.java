package org.qingfeng.monitors.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RobustStatsTest {

    @Test
    void medianAndMadOfAKnownSample() {
        // median 3; absolute deviations 2,1,0,1,6 → MAD 1
        RobustStats.Spread s = RobustStats.spread(new double[] {1, 2, 3, 4, 9});

        assertThat(s.median()).isEqualTo(3);
        assertThat(s.mad()).isEqualTo(1);
        assertThat(s.scale()).isCloseTo(1.4826, within(1e-9));
        assertThat(s.z(9)).isCloseTo(6 / 1.4826, within(1e-9));
        assertThat(RobustStats.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    }

    @Test
    void mostlyEqualValuesFallBackToTheMeanAbsoluteDeviation() {
        RobustStats.Spread s = RobustStats.spread(new double[] {5, 5, 5, 5, 7});

        assertThat(s.mad()).isZero();
        assertThat(s.scale()).isCloseTo(1.2533 * 2 / 5, within(1e-9));
        assertThat(RobustStats.spread(new double[] {5, 5, 5}).z(6)).isInfinite();
    }
}
