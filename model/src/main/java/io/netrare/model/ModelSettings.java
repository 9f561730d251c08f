package io.netrare.model;

import io.netrare.models.firstseen.FirstSeenConfig;
import io.netrare.models.rare.NormalizerConfig;
import io.netrare.models.rare.RareModelConfig;
import io.netrare.schema.spi.JobSpec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads the {@code job.model_settings} strings of a service config into a {@link JobConfig}: the only
 * place that maps setting names to the models' typed configs. Unknown keys and bad values are reported
 * together.
 */
public final class ModelSettings {

    /** Every key any built-in model understands. */
    public static final List<String> KEYS = List.of("decay", "entity_cap", "soft_limit_fraction",
            "unusual_probability", "history_window", "warmup", "first_seen_probability", "first_seen_entity_cap");

    private ModelSettings() {
    }

    public static JobConfig jobConfig(JobSpec job, String type, Map<String, String> settings) {
        List<String> problems = new ArrayList<>();
        for (String key : new TreeSet<>(settings.keySet())) {
            if (!KEYS.contains(key)) {
                problems.add("unknown model setting '" + key + "' (known: " + String.join(", ", KEYS) + ")");
            }
        }
        RareModelConfig r = RareModelConfig.defaults();
        FirstSeenConfig f = FirstSeenConfig.defaults();
        try {
            r = new RareModelConfig(
                    number(settings, "decay", r.decayPer15m(), problems),
                    (int) number(settings, "entity_cap", r.entityCap(), problems),
                    number(settings, "soft_limit_fraction", r.softLimitFraction(), problems),
                    number(settings, "unusual_probability", r.unusualProbability(), problems));
            f = new FirstSeenConfig(
                    duration(settings, "history_window", f.historyWindow(), problems),
                    duration(settings, "warmup", f.warmup(), problems),
                    number(settings, "first_seen_probability", f.probability(), problems),
                    (int) number(settings, "first_seen_entity_cap", f.entityCap(), problems));
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("job.model_settings: " + String.join("; ", problems));
        }
        return new JobConfig(job, new ModelSelection(type), r, f, NormalizerConfig.defaults());
    }

    private static double number(Map<String, String> s, String key, double fallback, List<String> problems) {
        String v = s.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            problems.add(key + " must be a number, was '" + v + "'");
            return fallback;
        }
    }

    private static Duration duration(Map<String, String> s, String key, Duration fallback, List<String> problems) {
        String v = s.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return io.netrare.runtime.config.Durations.parse(v.trim());
        } catch (RuntimeException e) {
            problems.add(key + " must be a duration like 14d or 12h, was '" + v + "'");
            return fallback;
        }
    }
}
