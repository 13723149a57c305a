package org.qingfeng.app.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SamplingServiceTest {

    @Test
    void sizeIsTheRateWithAMinimumAndNeverMoreThanThePopulation() {
        BigDecimal permille = new BigDecimal("0.001");
        assertThat(SamplingService.size(250_000, permille, 100)).isEqualTo(250); // 1‰
        assertThat(SamplingService.size(250_001, permille, 100)).isEqualTo(251); // rounded up
        assertThat(SamplingService.size(40_000, permille, 100)).isEqualTo(100); // the minimum
        assertThat(SamplingService.size(60, permille, 100)).isEqualTo(60); // everything there is
        assertThat(SamplingService.size(5_000, new BigDecimal("0.01"), 30)).isEqualTo(50);
        assertThat(SamplingService.size(0, permille, 100)).isZero();
    }

    @Test
    void theSameSeedDrawsTheSameSampleAndAnotherSeedAnother() {
        List<String> population =
                IntStream.range(0, 10_000).mapToObj(i -> "H:RX" + i).toList();
        List<String> a = SamplingService.pick(population, 100, new Random(42));
        List<String> b = SamplingService.pick(population, 100, new Random(42));
        List<String> c = SamplingService.pick(population, 100, new Random(43));
        assertThat(a).hasSize(100).doesNotHaveDuplicates().isEqualTo(b);
        assertThat(c).isNotEqualTo(a);
        assertThat(population).containsAll(a);
    }
}
