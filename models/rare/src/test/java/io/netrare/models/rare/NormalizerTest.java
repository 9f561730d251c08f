package io.netrare.models.rare;

import io.netrare.schema.spi.EntityKey;
import io.netrare.schema.spi.ScoredEntity;
import org.junit.jupiter.api.Test;

import java.time.Duration;
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
        Normalizer n = new Normalizer(NormalizerConfig.defaults(), Duration.ofMinutes(15));
        assertThat(n.knotMap(0)).isZero();
        assertThat(n.knotMap(70)).isEqualTo(1);
        assertThat(n.knotMap(97.5)).isCloseTo(27.5, within(1e-12));
        assertThat(n.knotMap(99)).isCloseTo(50, within(1e-12));
        assertThat(n.knotMap(99.9)).isCloseTo(90, within(1e-9));
        assertThat(n.knotMap(100)).isEqualTo(100);
    }

    private static final Duration SPAN = Duration.ofMinutes(15);
    private static final long B = SPAN.toMillis();

    private static Normalizer normalizer() {
        return new Normalizer(NormalizerConfig.defaults(), SPAN);
    }

    private static List<ScoredEntity> bucket(Object... byAndP) {
        List<ScoredEntity> out = new ArrayList<>();
        for (int i = 0; i < byAndP.length; i += 2) {
            out.add(scored((String) byAndP[i], (Double) byAndP[i + 1]));
        }
        return out;
    }

    /**
     * Golden values worked out from ml-cpp's formulas on a short sequence of 15-minute buckets (two scores per
     * history sample). The Beta quantiles of the confidence interval are the only numbers not done by hand; they
     * come from scipy.stats.beta.ppf in an independent script that follows docs/models.md step by step.
     *
     * <pre>
     * bucket 0: a b c d, all p = 1          samples max(a,b)=0, max(c,d)=0          history {0, 0}
     * bucket 1: a b c x (p = 0.01)          samples 0, max(c, x)=0.008016 -> bin 8  history {0, 0, 0, 8}
     *   x: noise ceiling 1 x (1 + 0.01 x 8) + 100 = 101.08 (half the history is 0, so it does not bind)
     *      H = 8 (round(0.9 x 4) = 4 scores at or below), f = 1, fl = Q(Beta(4.333, 0.333), 0.15) = 0.840070
     *      cdf(8) = 1, less the density to "no knot above": bounds min(1, fl), min(1, fu), then widened:
     *      percentiles 60.4328 / 99.9374 -> knots 0.8633 / 93.736 -> 47.299
     *      max ceiling 100 (its own maximum); probability ceiling 100 (0.95 M ln(0.2) + 0.05) = 29.6028
     *      score 29.6028
     * bucket 2: a b c y (p = 0.001) z (p = 0.04: at or above 0.035, recorded as 0)
     *                                        samples 0, max(c, y) -> bin 98; z waits  history {0,0,0,0,8,98}
     *   y: H = 8, h = 5; y is above H: the high branch; percentiles 89.0115 / 99.9599 -> 48.7165; probability
     *      ceiling 64.80; score 48.7165 (a short history holds a high score back)
     * bucket 4 (3 empty): a, y (p = 0.002)   ages 2 buckets; z's pending 0 pairs with a; y waits
     *   y: its scope's maximum 0.098196 x exp(-2 x 0.00025 x 2) = 0.098098; ratio 0.4903 -> max ceiling 73.543;
     *      percentiles 49.8102 / 99.2646 -> 31.2352; score 31.2352
     * </pre>
     */
    @Test
    void goldenSequence() {
        Normalizer n = normalizer();
        n.observe(0, bucket("a", 1.0, "b", 1.0, "c", 1.0, "d", 1.0));
        assertThat(n.historySize()).isEqualTo(2);

        List<ScoredEntity> b1 = bucket("a", 1.0, "b", 1.0, "c", 1.0, "x", 0.01);
        n.observe(B, b1);
        ScoredEntity x = b1.get(3);
        assertThat(n.noiseCeiling(x.rawScore())).isCloseTo(101.08, within(1e-9));
        assertThat(n.percentileCeiling(x.rawScore())).isCloseTo(47.2994530048, within(1e-6));
        assertThat(n.normalize(x)).isCloseTo(29.6027745048, within(1e-6));

        List<ScoredEntity> b2 = bucket("a", 1.0, "b", 1.0, "c", 1.0, "y", 0.001, "z", 0.04);
        n.observe(2 * B, b2);
        assertThat(n.historySize()).isEqualTo(6);
        double[] bounds = n.percentileBounds(b2.get(3).rawScore());
        assertThat(100 * bounds[0]).isCloseTo(89.0115287608, within(1e-6));
        assertThat(100 * bounds[1]).isCloseTo(99.9599227143, within(1e-6));
        assertThat(n.normalize(b2.get(3))).isCloseTo(48.7164815802, within(1e-6));
        assertThat(n.normalize(b2.get(4))).as("p >= 0.035 scores 0").isZero();

        List<ScoredEntity> b4 = bucket("a", 1.0, "y", 0.002);
        n.observe(4 * B, b4);
        assertThat(n.historySize()).isEqualTo(7);
        assertThat(n.maxScore("", "y")).isCloseTo(0.098196392786 * Math.exp(-2 * 0.00025 * 2), within(1e-12));
        assertThat(n.normalize(b4.get(1))).isCloseTo(31.2351995617, within(1e-6));
    }

    @Test
    void aScopeMaximumIsForgottenAfterFiftyQuietBuckets() {
        Normalizer n = normalizer();
        n.observe(0, bucket("y", 0.001, "a", 1.0));
        assertThat(n.maxScore("", "y")).isPositive();
        n.observe(50 * B, bucket("a", 1.0, "b", 1.0));
        assertThat(n.maxScore("", "y")).as("50 buckets: kept").isPositive();
        n.observe(51 * B, bucket("a", 1.0, "b", 1.0));
        assertThat(n.maxScore("", "y")).as("51 buckets: forgotten").isZero();
        assertThat(n.maxScore("", "a")).as("a scored 0 every time it came, so it stays").isZero();
    }

    @Test
    void theMaximumIsPerByValueSoAFirstOccurrenceIsNotHeldDownByAnotherProcess() {
        Normalizer n = normalizer();
        List<ScoredEntity> history = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            history.add(scored("common-" + i, 1.0));
        }
        n.observe(0, history);
        n.observe(B, bucket("c", 1.0, "loud", 1e-6));
        List<ScoredEntity> later = bucket("c", 1.0, "quiet", 0.001);
        n.observe(2 * B, later);
        assertThat(Normalizer.maxScoreCeiling(later.get(1).rawScore(), n.maxScore("", "quiet"))).isEqualTo(100);
        double raw = later.get(1).rawScore();
        assertThat(n.normalize(later.get(1))).isCloseTo(Math.min(n.percentileCeiling(raw),
                Normalizer.probabilityCeiling(0.001)), within(1e-9));
    }

    @Test
    void theHistoryAgesEveryFortyBucketsAndNeverLosesAScore() {
        Normalizer n = normalizer();
        List<ScoredEntity> many = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            many.add(scored(String.format("p%05d", i), 1.0));
        }
        n.observe(0, many);
        assertThat(n.historySize()).isEqualTo(10_000);
        n.observe(38 * B, bucket("y", 0.001, "a", 1.0));
        assertThat(n.historySize()).as("39 buckets: not aged yet").isEqualTo(10_001);
        n.observe(39 * B, bucket("a", 1.0, "b", 1.0));
        // the 40th bucket (20 samples of 2 buckets) ages: 10,000 zeros x exp(-0.00025) = 9997.5 -> 9998, the single
        // score stays 1 (a count never ages below 1), then the bucket adds its sample
        assertThat(n.historySize()).isEqualTo(9_998 + 1 + 1);
        n.observe(40 * B, bucket("a", 1.0, "b", 1.0));
        assertThat(n.historySize()).as("the next ageing is 40 buckets on").isEqualTo(9_998 + 1 + 2);
    }

    @Test
    void entityOrderWithinABucketDoesNotMatter() {
        Normalizer one = normalizer();
        Normalizer other = normalizer();
        List<ScoredEntity> b = bucket("a", 1.0, "x", 0.001, "b", 1.0, "y", 0.01, "c", 0.5);
        List<ScoredEntity> reversed = new ArrayList<>(b);
        java.util.Collections.reverse(reversed);
        one.observe(0, b);
        other.observe(0, reversed);
        assertThat(other.snapshot()).isEqualTo(one.snapshot());
    }

    @Test
    void snapshotRestoresTheSameScores() {
        Normalizer n = normalizer();
        n.observe(0, List.of(scored("a", 1), scored("b", 0.001), scored("c", 0.02)));
        Normalizer back = Normalizer.restore(NormalizerConfig.defaults(), SPAN, n.snapshot());
        assertThat(back.snapshot()).isEqualTo(n.snapshot());
        assertThat(back.normalize(scored("b", 0.001))).isEqualTo(n.normalize(scored("b", 0.001)));
        n.observe(B, List.of(scored("a", 1), scored("d", 0.001)));
        back.observe(B, List.of(scored("a", 1), scored("d", 0.001)));
        assertThat(back.snapshot()).isEqualTo(n.snapshot());
    }
}
