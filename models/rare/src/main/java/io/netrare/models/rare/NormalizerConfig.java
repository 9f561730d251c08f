package io.netrare.models.rare;

import java.util.List;

/**
 * Settings of the score normalizer (ml-cpp's {@code CAnomalyScore::CNormalizer} defaults).
 *
 * @param knots            (percentile, normalized score) knot points of the percentile ceiling, ascending
 * @param noisePercentile  percentile of raw scores taken as noise (50)
 * @param noiseMultiplier  weight of the noise ceiling's signal strength (1)
 * @param decayPer15m      decay rate per 15-minute bucket that ages the maxima and the history (the models' 0.00025)
 */
public record NormalizerConfig(List<Knot> knots, double noisePercentile, double noiseMultiplier, double decayPer15m) {

    /** One knot point: scores at this percentile of the history map to this normalized score. */
    public record Knot(double percentile, double score) {
    }

    public static final List<Knot> DEFAULT_KNOTS = List.of(new Knot(0, 0), new Knot(70, 1), new Knot(85, 1.2),
            new Knot(90, 1.5), new Knot(95, 3), new Knot(97, 20), new Knot(99, 50), new Knot(99.9, 90),
            new Knot(100, 100));

    public NormalizerConfig {
        knots = List.copyOf(knots);
        if (knots.size() < 2 || knots.get(0).percentile() != 0 || knots.get(knots.size() - 1).percentile() != 100) {
            throw new IllegalArgumentException("knots must run from percentile 0 to 100");
        }
        for (int i = 1; i < knots.size(); i++) {
            if (knots.get(i).percentile() <= knots.get(i - 1).percentile()) {
                throw new IllegalArgumentException("knot percentiles must increase");
            }
        }
        if (!(noisePercentile > 0 && noisePercentile < 100)) {
            throw new IllegalArgumentException("noise percentile must be in (0, 100)");
        }
        if (!(decayPer15m >= 0 && decayPer15m < 1)) {
            throw new IllegalArgumentException("decay must be in [0, 1), was " + decayPer15m);
        }
    }

    public NormalizerConfig(List<Knot> knots, double noisePercentile, double noiseMultiplier) {
        this(knots, noisePercentile, noiseMultiplier, RareModelConfig.DEFAULT_DECAY);
    }

    public static NormalizerConfig defaults() {
        return new NormalizerConfig(DEFAULT_KNOTS, 50, 1, RareModelConfig.DEFAULT_DECAY);
    }
}
