package io.netrare.models.rare;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RawScoresTest {

    @Test
    void pieceBoundaries() {
        assertThat(RawScores.anomalyScore(0.05)).isZero();
        assertThat(RawScores.anomalyScore(0.5)).isZero();
        assertThat(RawScores.anomalyScore(0.01)).isCloseTo(80 / 9980.0, within(1e-15));
        assertThat(RawScores.anomalyScore(1e-4)).isCloseTo(1.0, within(1e-12));
        assertThat(RawScores.anomalyScore(1e-50)).isCloseTo(50.0, within(1e-12));
        assertThat(RawScores.anomalyScore(Double.MIN_NORMAL)).isCloseTo(100.0, within(1e-9));
        assertThat(RawScores.anomalyScore(0)).isEqualTo(100.0);
        // continuity just below 0.05 and 1e-4
        assertThat(RawScores.anomalyScore(0.0499999)).isCloseTo(0, within(1e-6));
        assertThat(RawScores.anomalyScore(0.99999e-4)).isCloseTo(1, within(1e-4));
    }

    @Test
    void inverseUndoesTheMap() {
        for (double p : new double[]{0.04, 0.01, 1e-3, 1e-4, 1e-10, 1e-50, 1e-200}) {
            assertThat(RawScores.inverse(RawScores.anomalyScore(p))).isCloseTo(p, within(p * 1e-9));
        }
    }
}
