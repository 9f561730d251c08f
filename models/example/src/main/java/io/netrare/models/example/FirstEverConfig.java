package io.netrare.models.example;

import io.netrare.schema.spi.ModelSettingsReader;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Settings of {@code first_ever}.
 *
 * @param warmupBuckets no records until the model has learned this many buckets (everything is new at first)
 * @param probability   the probability given to an entity seen for the first time
 */
public record FirstEverConfig(int warmupBuckets, double probability) {

    public FirstEverConfig {
        if (warmupBuckets < 0) {
            throw new IllegalArgumentException("warmup_buckets must not be negative, was " + warmupBuckets);
        }
        if (!(probability > 0 && probability < 1)) {
            throw new IllegalArgumentException("probability must be in (0, 1), was " + probability);
        }
    }

    public static FirstEverConfig defaults() {
        return new FirstEverConfig(96, 1e-3);
    }

    /** Reads {@code job.model_settings}; a key this model does not read is an error. */
    public static FirstEverConfig read(Map<String, String> settings) {
        ModelSettingsReader r = new ModelSettingsReader(FirstEverModel.TYPE, settings);
        int warmup = r.integer("warmup_buckets", defaults().warmupBuckets());
        double p = r.number("probability", defaults().probability());
        return r.build(() -> new FirstEverConfig(warmup, p));
    }

    public SortedMap<String, String> toSettings() {
        SortedMap<String, String> s = new TreeMap<>();
        s.put("warmup_buckets", Integer.toString(warmupBuckets));
        s.put("probability", ModelSettingsReader.format(probability));
        return s;
    }
}
