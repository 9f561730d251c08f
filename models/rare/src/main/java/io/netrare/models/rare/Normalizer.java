package io.netrare.models.rare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netrare.schema.spi.ScoreNormalizer;
import io.netrare.schema.spi.ScoredEntity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * ml-cpp's {@code CAnomalyScore::CNormalizer} for the record level of one detector. The record score is the minimum
 * of four ceilings, capped at 100: the noise ceiling, the percentile-knot ceiling over the history of raw scores
 * (with a 70% confidence interval on the percentile), the max-score ratio within the record's scope (its partition
 * value and by value), and the probability ceiling. See docs/models.md for each formula and where ml-cpp has it.
 *
 * <p>Per bucket, in ml-cpp's order: age (maxima decay by exp(-2 lambda) per bucket and are forgotten after 50
 * buckets without a score; the history is aged every 20 samples' worth of buckets), then add the bucket's scores
 * (0 for every entity at or above the unusual cut-off), then normalize. One history sample is the largest of every
 * {@code countPerSample} scores (2 for 15-minute buckets), scores taken in entity order.
 *
 * <p>The history is an exact histogram where ml-cpp keeps a q-digest: bounds that the q-digest approximates are
 * exact here, and the state is a deterministic function of the sequence of buckets observed, so every scoring
 * instance that observes the same buckets holds the same normalizer.
 */
public final class Normalizer implements ScoreNormalizer {

    static final double MAX = 100;
    /** Confidence interval of the percentile bounds, percent. */
    static final double CONFIDENCE = 70;
    /** Scores above this percentile of the history have their own, finer summary in ml-cpp. */
    static final double HIGH_PERCENTILE = 90;
    /** Samples between agings of the history. */
    static final double QUANTILE_DECAY_TIME = 20;
    /** Buckets a scope's maximum is kept without a new score. */
    static final double FORGET_MAX_SCORE_INTERVAL = 50;
    /** The largest knot an unsigned 32-bit q-digest can hold: the "no knot above" default. */
    static final long NO_KNOT_ABOVE = 0xFFFF_FFFFL;
    private static final double LOG_LARGEST = Math.log(RawScores.LARGEST_SIGNIFICANT_PROBABILITY);
    /** Slope of the probability ceiling: raw-score change per log-probability between 0.05 and 1e-4 (about -0.1609). */
    static final double M = (RawScores.anomalyScore(RawScores.SMALL_PROBABILITY)
            - RawScores.anomalyScore(RawScores.LARGEST_SIGNIFICANT_PROBABILITY))
            / (Math.log(RawScores.SMALL_PROBABILITY) - LOG_LARGEST);
    private static final Comparator<ScoredEntity> ENTITY_ORDER = Comparator.comparing(ScoredEntity::entity);

    private final NormalizerConfig config;
    private final long spanMillis;
    /** History samples per hour of buckets: 3600 s / clamp(2 x span, 5 min, 1 h). */
    final int countPerSample;
    /** Ageing of the maxima per bucket: exp(-2 lambda). */
    private final double maxAgeingPerBucket;
    /** Ageing of the history per QUANTILE_DECAY_TIME samples: exp(-model decay rate). */
    private final double historyAgeing;

    private final ScoreHistory history = new ScoreHistory();
    private final Map<String, MaxScore> maxByScope = new TreeMap<>();
    private int countSinceLastSample;
    private double sample;
    private double timeToQuantileDecay = QUANTILE_DECAY_TIME;
    private long lastBucket = Long.MIN_VALUE;

    /** A scope's largest raw score, aged, and the buckets since its last score. */
    static final class MaxScore {
        double score;
        double sinceLast;

        MaxScore(double score, double sinceLast) {
            this.score = score;
            this.sinceLast = sinceLast;
        }
    }

    public Normalizer(NormalizerConfig config, Duration bucketSpan) {
        this.config = requireNonNull(config, "config is null");
        requireNonNull(bucketSpan, "bucketSpan is null");
        this.spanMillis = bucketSpan.toMillis();
        if (spanMillis <= 0) {
            throw new IllegalArgumentException("bucket span must be positive, was " + bucketSpan);
        }
        long span = bucketSpan.toSeconds();
        this.countPerSample = (int) (3600 / Math.max(300, Math.min(3600, 2 * span)));
        double standard = 1800.0;
        // ml-cpp: model decay = 0.0005 per 30 minutes, scaled down for shorter buckets; the normalizer's rate is
        // that times max(span / 30 min, 1): decayPer15m x span / 15 min for every span.
        double modelDecay = config.decayPer15m() * 2 * Math.min(1, span / standard);
        double normalizerDecay = modelDecay * Math.max(span / standard, 1);
        this.maxAgeingPerBucket = StrictMath.exp(-2 * normalizerDecay);
        this.historyAgeing = StrictMath.exp(-modelDecay);
    }

    @Override
    public void observe(long bucketStart, List<ScoredEntity> bucketScores) {
        long elapsed = lastBucket == Long.MIN_VALUE ? 1 : (bucketStart - lastBucket) / spanMillis;
        if (elapsed > 0) {
            propagateForwardByTime(elapsed);
            lastBucket = bucketStart;
        }
        List<ScoredEntity> ordered = new ArrayList<>(bucketScores);
        ordered.sort(ENTITY_ORDER);
        for (ScoredEntity s : ordered) {
            updateQuantiles(scope(s), historyScore(s));
        }
    }

    /** ml-cpp records 0 for everything at or above the unusual cut-off: only anomalous entities add a score. */
    static double historyScore(ScoredEntity s) {
        return s.anomalous() ? Math.max(0, s.rawScore()) : 0;
    }

    static String scope(ScoredEntity s) {
        return s.entity().partitionValue() + '\u0000' + s.entity().byValue();
    }

    private void updateQuantiles(String scope, double score) {
        MaxScore max = maxByScope.get(scope);
        if (max == null) {
            maxByScope.put(scope, new MaxScore(score, 0));
        } else {
            max.score = Math.max(max.score, score);
            max.sinceLast = 0;
        }
        sample = Math.max(sample, score);
        if (++countSinceLastSample < countPerSample) {
            return;
        }
        history.add(ScoreHistory.discrete(sample), 1);
        countSinceLastSample = 0;
        sample = 0;
    }

    private void propagateForwardByTime(double time) {
        for (Iterator<MaxScore> it = maxByScope.values().iterator(); it.hasNext(); ) {
            MaxScore m = it.next();
            m.sinceLast += time;
            if (m.sinceLast > FORGET_MAX_SCORE_INTERVAL) {
                it.remove();
            } else {
                m.score *= StrictMath.pow(maxAgeingPerBucket, time);
            }
        }
        timeToQuantileDecay -= time / countPerSample;
        if (timeToQuantileDecay <= 0) {
            double t = Math.floor((QUANTILE_DECAY_TIME - timeToQuantileDecay) / QUANTILE_DECAY_TIME);
            if (history.n() > 0) {
                history.age(StrictMath.pow(historyAgeing, t));
            }
            timeToQuantileDecay += QUANTILE_DECAY_TIME + Math.floor(-timeToQuantileDecay / QUANTILE_DECAY_TIME);
        }
    }

    @Override
    public double normalize(ScoredEntity scored) {
        double raw = historyScore(scored);
        if (raw <= 0 || history.n() == 0) {
            return 0;
        }
        double score = Math.min(noiseCeiling(raw), percentileCeiling(raw));
        MaxScore max = maxByScope.get(scope(scored));
        if (max != null && max.score > 0) {
            score = Math.min(score, maxScoreCeiling(raw, max.score));
        }
        score = Math.min(score, probabilityCeiling(RawScores.inverse(raw)));
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

    /** Maps the percentile bounds of the score through the knots and averages the two. */
    double percentileCeiling(double raw) {
        double[] bounds = percentileBounds(raw);
        double lower = Math.max(0, Math.min(100, 100 * Math.min(bounds[0], bounds[1])));
        double upper = Math.max(0, Math.min(100, 100 * Math.max(bounds[0], bounds[1])));
        return (knotMap(lower) + knotMap(upper)) / 2;
    }

    /**
     * ml-cpp's {@code CNormalizer::quantile} on the exact history: the score's c.d.f. less its density between the
     * neighbouring knots, truncated at the high-percentile share, then widened to the 15% and 85% quantiles of the
     * Beta posterior of a fraction of n. Above the 90th percentile score the share is taken within the scores above
     * it, as ml-cpp's high-quantile summary does.
     */
    double[] percentileBounds(double raw) {
        long d = ScoreHistory.discrete(raw);
        double n = history.n();
        double lowerQ = (100 - CONFIDENCE) / 200;
        double upperQ = (100 + CONFIDENCE) / 200;
        // the high percentile score H: the largest knot with at most round(0.9 n) scores at or below, the first at least
        long target = (long) (HIGH_PERCENTILE / 100 * n + 0.5);
        long highScore = history.binOfRank(Math.max(1, target));
        if (history.countAtOrBelow(highScore) > target && history.countBelow((int) highScore) > 0) {
            highScore = history.binOfRank(history.countBelow((int) highScore)); // the knot before
        }
        long highCount = history.countAtOrBelow(highScore);
        double f = Math.max(0, Math.min(1, highCount / n));
        double fl = BetaQuantile.cdfQuantile(n, f, lowerQ);
        double fu = BetaQuantile.cdfQuantile(n, f, upperQ);
        double lower;
        double upper;
        if (d <= highScore || highCount == (long) n) {
            double cdf = history.countAtOrBelow(d) / n;
            double pdf = density(d, 0, n);
            lower = Math.max(0, Math.min(fl, cdf - pdf));
            upper = Math.max(0, Math.min(fu, cdf - pdf));
        } else {
            double high = n - highCount;
            double cdf = (history.countAtOrBelow(d) - highCount) / high;
            double pdf = density(d, highCount, high);
            lower = fl + (1 - fl) * Math.max(cdf - pdf, 0);
            upper = fu + (1 - fu) * Math.max(cdf - pdf, 0);
        }
        return new double[]{BetaQuantile.cdfQuantile(n, lower, lowerQ), BetaQuantile.cdfQuantile(n, upper, upperQ)};
    }

    /**
     * The q-digest's p.d.f. at {@code d}: the c.d.f. gained from the largest knot below d (0 if none) to the smallest
     * knot above it (the largest 32-bit value if none), over their distance. {@code offset} and {@code total} select
     * the summary: all scores, or only those above the high percentile score.
     */
    private double density(long d, long offset, double total) {
        long below = previousKnotBelow(d, offset);
        long above = nextKnotAbove(d);
        double cdfBelow = Math.max(0, history.countAtOrBelow(below) - offset) / total;
        double cdfAbove = above == NO_KNOT_ABOVE ? 1 : (history.countAtOrBelow(above) - offset) / total;
        return Math.max(cdfAbove - cdfBelow, 0) / Math.max(above - below, 1);
    }

    /** The largest bin below d holding a score of the summary (scores past {@code offset}), or 0. */
    private long previousKnotBelow(long d, long offset) {
        long below = history.countBelow((int) Math.min(d, ScoreHistory.BINS));
        return below > offset ? history.binOfRank(below) : 0;
    }

    private long nextKnotAbove(long d) {
        long atOrBelow = history.countAtOrBelow(d);
        return atOrBelow >= history.n() ? NO_KNOT_ABOVE : history.binOfRank(atOrBelow + 1);
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

    /** Samples in the history (for metrics and tests). */
    public long historySize() {
        return history.n();
    }

    /** The aged maximum raw score of a scope, or 0 when it has none (for tests and tools). */
    public double maxScore(String partitionValue, String byValue) {
        MaxScore m = maxByScope.get(partitionValue + '\u0000' + byValue);
        return m == null ? 0 : m.score;
    }

    @Override
    public JsonNode snapshot() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("type", "normalizer");
        root.put("format", 2);
        history.writeTo(root.putArray("histogram"));
        ObjectNode max = root.putObject("max_by_scope");
        maxByScope.forEach((k, v) -> max.putArray(k).add(v.score).add(v.sinceLast));
        root.put("count_since_last_sample", countSinceLastSample);
        root.put("sample", sample);
        root.put("time_to_quantile_decay", timeToQuantileDecay);
        root.put("last_bucket", lastBucket);
        return root;
    }

    public static Normalizer restore(NormalizerConfig config, Duration bucketSpan, JsonNode state) {
        Normalizer n = new Normalizer(config, bucketSpan);
        n.history.readFrom(state.path("histogram"));
        state.path("max_by_scope").fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            // format 1 kept one maximum per partition value, never aged: start the scopes afresh
            if (v.isArray()) {
                n.maxByScope.put(e.getKey(), new MaxScore(v.get(0).asDouble(), v.get(1).asDouble()));
            }
        });
        n.countSinceLastSample = state.path("count_since_last_sample").asInt(0);
        n.sample = state.path("sample").asDouble(0);
        n.timeToQuantileDecay = state.path("time_to_quantile_decay").asDouble(QUANTILE_DECAY_TIME);
        n.lastBucket = state.path("last_bucket").asLong(Long.MIN_VALUE);
        return n;
    }
}
