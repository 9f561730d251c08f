package io.netrare.models.rare;

import io.netrare.schema.spi.EntityKey;
import io.netrare.schema.spi.ScoredEntity;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class NormalizerTest {

    private static ScoredEntity scored(String by, double p) {
        return new ScoredEntity(EntityKey.of(by), 0, p, RawScores.anomalyScore(p), p < 0.035, null);
    }

    private static ScoredEntity raw(double rawScore) {
        return new ScoredEntity(EntityKey.of("x"), 0, Math.min(1, RawScores.inverse(rawScore)), rawScore, true, null);
    }

    @Test
    void probabilityCeiling() {
        // M = 1 / (ln 1e-4 - ln 0.05); at p = 0.01: 100 * (0.95 * M * ln(0.2) + 0.05)
        double m = 1 / (Math.log(1e-4) - Math.log(0.05));
        assertThat(Normalizer.M).isCloseTo(m, within(1e-15)).isCloseTo(-0.1609, within(1e-4));
        assertThat(Normalizer.probabilityCeiling(0.01)).isCloseTo(100 * (0.95 * m * Math.log(0.2) + 0.05), within(1e-12))
                .isCloseTo(29.60, within(0.01));
        assertThat(Normalizer.probabilityCeiling(1e-4)).isCloseTo(100, within(1e-9));
        assertThat(Normalizer.probabilityCeiling(0.05)).isZero();
        // score 50 needs p of about 2.6e-3
        assertThat(Normalizer.probabilityCeiling(2.6e-3)).isCloseTo(50, within(0.5));
    }

    @Test
    void maxScoreCeiling() {
        assertThat(Normalizer.maxScoreCeiling(1, 1)).isEqualTo(100);
        assertThat(Normalizer.maxScoreCeiling(0.5, 1)).isEqualTo(75);
        assertThat(Normalizer.maxScoreCeiling(0.2, 1)).isCloseTo(30, within(1e-12));
    }

    @Test
    void percentileKnots() {
        Normalizer n = new Normalizer(NormalizerConfig.defaults());
        assertThat(n.knotMap(0)).isZero();
        assertThat(n.knotMap(70)).isEqualTo(1);
        assertThat(n.knotMap(97.5)).isCloseTo(27.5, within(1e-12));
        assertThat(n.knotMap(99)).isCloseTo(50, within(1e-12));
        assertThat(n.knotMap(99.9)).isCloseTo(90, within(1e-9));
        assertThat(n.knotMap(100)).isEqualTo(100);
    }

    @Test
    void percentileCeilingOverTheHistory() {
        Normalizer n = new Normalizer(NormalizerConfig.defaults());
        List<ScoredEntity> history = new ArrayList<>();
        for (int i = 0; i < 980; i++) {
            history.add(raw(0));
        }
        for (int i = 0; i < 10; i++) {
            history.add(raw(0.1)); // percentiles 98..99
        }
        for (int i = 0; i < 10; i++) {
            history.add(raw(0.2)); // percentiles 99..100
        }
        n.observe(0, history);
        // 0.1: lower 98% -> 35, upper 99% -> 50, mean 42.5
        assertThat(n.percentileCeiling(0.1)).isCloseTo((35 + 50) / 2.0, within(1e-9));
        // 0.2: lower 99% -> 50, upper 100% -> 100
        assertThat(n.percentileCeiling(0.2)).isCloseTo(75, within(1e-9));
        // max ceiling within the scope binds for 0.1 (r = 0.5 -> 75), probability ceiling for 0.2
        ScoredEntity top = raw(0.2);
        assertThat(n.normalize(top)).isCloseTo(Math.min(75, Normalizer.probabilityCeiling(top.probability())), within(1e-9));
        assertThat(n.normalize(raw(0))).isZero();
    }

    @Test
    void noiseCeilingDoesNotBindWhenMostScoresAreZero() {
        Normalizer n = new Normalizer(NormalizerConfig.defaults());
        List<ScoredEntity> history = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            history.add(raw(i < 60 ? 0 : 0.5));
        }
        n.observe(0, history);
        // F(0) = 0.6 >= 0.5: the zero share adds 100
        assertThat(n.noiseCeiling(0.5)).isGreaterThanOrEqualTo(100);
        Normalizer noisy = new Normalizer(NormalizerConfig.defaults());
        List<ScoredEntity> all = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            all.add(raw(0.5));
        }
        noisy.observe(0, all);
        // no zeros, the noise level is 0.5: a score at the noise level gets knot(70) = 1
        assertThat(noisy.noiseCeiling(0.5)).isCloseTo(1, within(1e-9));
        assertThat(noisy.normalize(raw(0.5))).isCloseTo(1, within(1e-9));
    }

    @Test
    void snapshotRestoresTheSameScores() {
        Normalizer n = new Normalizer(NormalizerConfig.defaults());
        n.observe(0, List.of(scored("a", 1), scored("b", 0.001), scored("c", 0.02)));
        Normalizer back = Normalizer.restore(NormalizerConfig.defaults(), n.snapshot());
        assertThat(back.snapshot()).isEqualTo(n.snapshot());
        assertThat(back.normalize(scored("b", 0.001))).isEqualTo(n.normalize(scored("b", 0.001)));
    }
}
