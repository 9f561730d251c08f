package io.netrare.models.rare;

import io.netrare.schema.spi.ModelSettingsReader;

import java.time.Duration;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Settings of the {@code rare} model.
 *
 * @param decayPer15m        decay rate lambda per 15 minute bucket (the anchor's 0.00025); scaled by span
 * @param entityCap          most entities (partition value, by value) the job keeps; least-seen evicted beyond
 * @param softLimitFraction  share of the cap at which memory status turns soft_limit
 * @param unusualProbability records are written only below this probability (ml-cpp's 0.035)
 * @param maxIdle            at the cap, entities not seen for this long are evicted first, then the least recently
 *                           seen; an evicted entity that comes back is explained as returning
 */
public record RareModelConfig(double decayPer15m, int entityCap, double softLimitFraction,
                              double unusualProbability, Duration maxIdle) {

    /** Default idle time before an entity is the first to go at the cap: the renormalization window's 30 days. */
    public static final Duration DEFAULT_MAX_IDLE = Duration.ofDays(30);

    public RareModelConfig(double decayPer15m, int entityCap, double softLimitFraction, double unusualProbability) {
        this(decayPer15m, entityCap, softLimitFraction, unusualProbability, DEFAULT_MAX_IDLE);
    }

    public static final double DEFAULT_DECAY = 0.00025;
    public static final int DEFAULT_ENTITY_CAP = 200_000;
    public static final double DEFAULT_UNUSUAL_PROBABILITY = 0.035;

    public RareModelConfig {
        if (!(decayPer15m >= 0 && decayPer15m < 1)) {
            throw new IllegalArgumentException("decay must be in [0, 1), was " + decayPer15m);
        }
        if (entityCap < 1) {
            throw new IllegalArgumentException("entity cap must be positive, was " + entityCap);
        }
        if (!(softLimitFraction > 0 && softLimitFraction <= 1)) {
            throw new IllegalArgumentException("soft limit fraction must be in (0, 1], was " + softLimitFraction);
        }
        if (maxIdle == null || maxIdle.isNegative() || maxIdle.isZero()) {
            throw new IllegalArgumentException("max idle must be positive, was " + maxIdle);
        }
        if (!(unusualProbability > 0 && unusualProbability <= 1)) {
            throw new IllegalArgumentException("unusual probability must be in (0, 1], was " + unusualProbability);
        }
    }

    public static RareModelConfig defaults() {
        return new RareModelConfig(DEFAULT_DECAY, DEFAULT_ENTITY_CAP, 0.9, DEFAULT_UNUSUAL_PROBABILITY, DEFAULT_MAX_IDLE);
    }

    /**
     * The config {@code job.model_settings} describe: {@code decay}, {@code entity_cap}, {@code soft_limit_fraction},
     * {@code unusual_probability}, {@code max_idle}.
     */
    public static RareModelConfig read(Map<String, String> settings) {
        ModelSettingsReader r = new ModelSettingsReader(RarityModel.TYPE, settings);
        RareModelConfig d = defaults();
        double decay = r.number("decay", d.decayPer15m());
        int cap = r.integer("entity_cap", d.entityCap());
        double soft = r.number("soft_limit_fraction", d.softLimitFraction());
        double unusual = r.number("unusual_probability", d.unusualProbability());
        Duration idle = r.duration("max_idle", d.maxIdle());
        return r.build(() -> new RareModelConfig(decay, cap, soft, unusual, idle));
    }

    /** This config as {@code job.model_settings}: {@code read(toSettings())} equals it. */
    public SortedMap<String, String> toSettings() {
        SortedMap<String, String> s = new TreeMap<>();
        s.put("decay", ModelSettingsReader.format(decayPer15m));
        s.put("entity_cap", Integer.toString(entityCap));
        s.put("soft_limit_fraction", ModelSettingsReader.format(softLimitFraction));
        s.put("unusual_probability", ModelSettingsReader.format(unusualProbability));
        s.put("max_idle", ModelSettingsReader.format(maxIdle));
        return s;
    }

    public RareModelConfig withEntityCap(int cap) {
        return new RareModelConfig(decayPer15m, cap, softLimitFraction, unusualProbability, maxIdle);
    }

    /** Lambda for one bucket of the given span: the decay is a rate per unit of time, as ml-cpp scales it. */
    public double lambdaPerBucket(Duration bucketSpan) {
        return decayPer15m * bucketSpan.toMillis() / Duration.ofMinutes(15).toMillis();
    }
}
