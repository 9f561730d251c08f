package io.netrare.models.rare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netrare.schema.spi.ScoreNormalizer;
import io.netrare.schema.spi.ScoredEntity;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * ml-cpp's {@code CAnomalyScore::CNormalizer}: the record score is the minimum of four ceilings, capped at 100:
 * the noise ceiling, the percentile-knot ceiling over the history of raw scores, the max-score ratio within the
 * scope (the partition value), and the probability ceiling. See docs/models.md for each formula and choice.
 */
public final class Normalizer implements ScoreNormalizer {

    static final double MAX = 100;
    private static final double LOG_LARGEST = Math.log(RawScores.LARGEST_SIGNIFICANT_PROBABILITY);
    /** Slope of the probability ceiling: raw-score change per log-probability between 0.05 and 1e-4 (about -0.1609). */
    static final double M = (RawScores.anomalyScore(RawScores.SMALL_PROBABILITY)
            - RawScores.anomalyScore(RawScores.LARGEST_SIGNIFICANT_PROBABILITY))
            / (Math.log(RawScores.SMALL_PROBABILITY) - LOG_LARGEST);

    private final NormalizerConfig config;
    private final ScoreHistory history = new ScoreHistory();
    private final Map<String, Double> maxByScope = new TreeMap<>();

    public Normalizer(NormalizerConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    public void observe(long bucketStart, List<ScoredEntity> bucketScores) {
        for (ScoredEntity s : bucketScores) {
            history.add(ScoreHistory.discrete(s.rawScore()), 1);
            maxByScope.merge(s.entity().partitionValue(), s.rawScore(), Math::max);
        }
    }

    @Override
    public double normalize(ScoredEntity scored) {
        double raw = scored.rawScore();
        if (raw <= 0 || history.n() == 0) {
            return 0;
        }
        double score = Math.min(noiseCeiling(raw), percentileCeiling(raw));
        Double max = maxByScope.get(scored.entity().partitionValue());
        if (max != null && max > 0) {
            score = Math.min(score, maxScoreCeiling(raw, max));
        }
        score = Math.min(score, probabilityCeiling(scored.probability()));
        return Math.max(0, Math.min(MAX, score));
    }

    /** Low when the score is near the noise percentile, unless most of the history is zeros (then it does not bind). */
    double noiseCeiling(double raw) {
        int d = ScoreHistory.discrete(raw);
        int noise = history.quantile(config.noisePercentile() / 100);
        double knot = MAX;
        for (NormalizerConfig.Knot k : config.knots()) {
            if (k.percentile() >= config.noisePercentile()) {
                knot = k.score();
                break;
            }
        }
        double signal = config.noiseMultiplier() * 10.0 / ScoreHistory.DISCRETIZATION * (d - noise);
        double f0 = (double) history.count(0) / history.n();
        return knot * Math.max(1 + signal, 0)
                + MAX * Math.max(2 * Math.min(50 * (2 * f0) / config.noisePercentile(), 1) - 1, 0);
    }

    /**
     * Maps the score's percentile in the history through the knots. As ml-cpp does, it averages the map at the
     * lower bound (share of scores strictly below) and upper bound (share at or below) of the percentile.
     */
    double percentileCeiling(double raw) {
        int d = ScoreHistory.discrete(raw);
        double n = history.n();
        double lower = 100 * history.countBelow(d) / n;
        double upper = 100 * history.countBelow(d + 1) / n;
        return (knotMap(lower) + knotMap(Math.min(100, upper))) / 2;
    }

    double knotMap(double percentile) {
        List<NormalizerConfig.Knot> knots = config.knots();
        int i = 0;
        while (i < knots.size() && knots.get(i).percentile() < percentile) {
            i++;
        }
        i = Math.max(i, 1);
        if (i >= knots.size()) {
            return MAX;
        }
        NormalizerConfig.Knot left = knots.get(i - 1);
        NormalizerConfig.Knot right = knots.get(i);
        return left.score() + (right.score() - left.score()) * (percentile - left.percentile())
                / (right.percentile() - left.percentile());
    }

    static double maxScoreCeiling(double raw, double maxRaw) {
        double r = raw / maxRaw;
        return MAX * Math.min(1.5 * r, 0.5 + 0.5 * r);
    }

    static double probabilityCeiling(double p) {
        if (p >= RawScores.LARGEST_SIGNIFICANT_PROBABILITY) {
            return 0;
        }
        return MAX * (0.95 * M * (Math.log(p) - LOG_LARGEST) + 0.05);
    }

    /** Scores in the history (for metrics and tests). */
    public long historySize() {
        return history.n();
    }

    /** Adds another normalizer's history (for merging histories kept apart). */
    public void merge(Normalizer other) {
        history.addAll(other.history);
        other.maxByScope.forEach((k, v) -> maxByScope.merge(k, v, Math::max));
    }

    @Override
    public JsonNode snapshot() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("type", "normalizer");
        root.put("format", 1);
        history.writeTo(root.putArray("histogram"));
        ObjectNode max = root.putObject("max_by_scope");
        maxByScope.forEach(max::put);
        return root;
    }

    public static Normalizer restore(NormalizerConfig config, JsonNode state) {
        Normalizer n = new Normalizer(config);
        n.history.readFrom(state.path("histogram"));
        state.path("max_by_scope").fields().forEachRemaining(e -> n.maxByScope.put(e.getKey(), e.getValue().asDouble()));
        return n;
    }
}
