package io.netrare.models.firstseen;

import io.netrare.models.rare.RawScores;
import io.netrare.schema.spi.ModelSettingsReader;

import java.time.Duration;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * Settings of the {@code first_seen} model (Elastic "new terms" semantics on (host, process)).
 *
 * @param historyWindow a (host, process) pair unseen for longer than this is new again
 * @param warmup        no records until the model has learned this much time (everything is new at first)
 * @param probability   the probability given to a first-seen pair, so that the normalizer scores it
 * @param entityCap     most (host, process) pairs kept; those seen longest ago are evicted beyond
 */
public record FirstSeenConfig(Duration historyWindow, Duration warmup, double probability, int entityCap) {

    public FirstSeenConfig {
        requireNonNull(historyWindow, "historyWindow is null");
        requireNonNull(warmup, "warmup is null");
        if (!(probability > 0 && probability < RawScores.LARGEST_SIGNIFICANT_PROBABILITY)) {
            throw new IllegalArgumentException("first-seen probability must be in (0, 0.05), was " + probability);
        }
        if (entityCap < 1) {
            throw new IllegalArgumentException("entity cap must be positive");
        }
    }

    /** 14 days of history as Elastic's prebuilt new-terms rules use, one day of warm-up, p = 1e-3. */
    public static FirstSeenConfig defaults() {
        return new FirstSeenConfig(Duration.ofDays(14), Duration.ofDays(1), 1e-3, 500_000);
    }

    /** The config {@code job.model_settings} describe: {@code history_window}, {@code warmup}, {@code probability}, {@code entity_cap}. */
    public static FirstSeenConfig read(Map<String, String> settings) {
        ModelSettingsReader r = new ModelSettingsReader(FirstSeenModel.TYPE, settings);
        FirstSeenConfig d = defaults();
        Duration window = r.duration("history_window", d.historyWindow());
        Duration warm = r.duration("warmup", d.warmup());
        double p = r.number("probability", d.probability());
        int cap = r.integer("entity_cap", d.entityCap());
        return r.build(() -> new FirstSeenConfig(window, warm, p, cap));
    }

    /** This config as {@code job.model_settings}: {@code read(toSettings())} equals it. */
    public SortedMap<String, String> toSettings() {
        SortedMap<String, String> s = new TreeMap<>();
        s.put("history_window", ModelSettingsReader.format(historyWindow));
        s.put("warmup", ModelSettingsReader.format(warmup));
        s.put("probability", ModelSettingsReader.format(probability));
        s.put("entity_cap", Integer.toString(entityCap));
        return s;
    }
}
