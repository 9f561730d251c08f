package io.netrare.schema.spi;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * Reads one model implementation's settings (the string values of {@code job.model_settings}) into typed
 * values. Every key the model asks for is known; {@link #build} then rejects every other key, and reports
 * every bad value and the config record's own validation error, all in one {@link IllegalArgumentException}.
 *
 * <p>Keys are snake_case. A {@code .} in a key reads as {@code _}, because an environment override
 * ({@code NETRARE_JOB__MODEL_SETTINGS__ENTITY_CAP}) arrives as {@code entity.cap}.
 */
public final class ModelSettingsReader {

    private final String modelType;
    private final Map<String, String> settings = new TreeMap<>();
    private final Set<String> known = new TreeSet<>();
    private final List<String> problems = new ArrayList<>();

    public ModelSettingsReader(String modelType, Map<String, String> settings) {
        this.modelType = requireNonNull(modelType, "modelType is null");
        requireNonNull(settings, "settings is null").forEach((k, v) -> this.settings.put(k.replace('.', '_'), v));
    }

    /** A number, e.g. {@code 0.00025} or {@code 1e-3}. */
    public double number(String key, double fallback) {
        String v = value(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return problem(key, "must be a number", v, fallback);
        }
    }

    /** A whole number, e.g. {@code 200000}. */
    public int integer(String key, int fallback) {
        String v = value(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return problem(key, "must be a whole number", v, fallback);
        }
    }

    /** A duration such as {@code 90s}, {@code 15m}, {@code 12h} or {@code 14d}. */
    public Duration duration(String key, Duration fallback) {
        String v = value(key);
        if (v == null) {
            return fallback;
        }
        try {
            return parseDuration(v);
        } catch (IllegalArgumentException e) {
            return problem(key, "must be a duration like 15m, 12h or 14d", v, fallback);
        }
    }

    /** Text; an empty value reads as {@code null} (not set). */
    public String text(String key, String fallback) {
        String v = value(key);
        return v == null ? fallback : v.isEmpty() ? null : v;
    }

    /** Durations separated by commas: {@code 1h,6h,1d}. */
    public List<Duration> durations(String key, List<Duration> fallback) {
        String v = value(key);
        if (v == null) {
            return fallback;
        }
        List<Duration> out = new ArrayList<>();
        for (String part : v.split(",")) {
            if (!part.isBlank()) {
                try {
                    out.add(parseDuration(part.trim()));
                } catch (IllegalArgumentException e) {
                    return problem(key, "must be durations separated by commas, like 1h,1d", v, fallback);
                }
            }
        }
        return out;
    }

    /** {@code name=value} pairs separated by commas: {@code web-1=web,db-1=db}. */
    public Map<String, String> pairs(String key, Map<String, String> fallback) {
        String v = value(key);
        if (v == null) {
            return fallback;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : v.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0 || eq == part.length() - 1) {
                return problem(key, "must be name=value pairs separated by commas, like web-1=web,db-1=db", v, fallback);
            }
            out.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
        }
        return out;
    }

    /**
     * Builds the model's config record once every key has been read; throws when a setting is unknown, a value
     * was bad, or the record's constructor refused the values.
     */
    public <T> T build(Supplier<T> config) {
        for (String key : settings.keySet()) {
            if (!known.contains(key)) {
                problems.add("'" + key + "' is not a setting of model " + modelType
                        + (known.isEmpty() ? " (it has none)" : " (its settings: " + String.join(", ", known) + ")"));
            }
        }
        T built = null;
        if (problems.isEmpty()) {
            try {
                built = config.get();
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("model_settings of " + modelType + ": " + String.join("; ", problems));
        }
        return built;
    }

    /** A number as settings write it: {@code 0.00025}, not {@code 2.5E-4}. */
    public static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** A duration as settings write it, in its largest whole unit: {@code 14d}, {@code 6h}, {@code 90s}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        for (Object[] unit : new Object[][]{{86_400_000L, "d"}, {3_600_000L, "h"}, {60_000L, "m"}, {1000L, "s"}}) {
            long size = (Long) unit[0];
            if (ms != 0 && ms % size == 0) {
                return ms / size + (String) unit[1];
            }
        }
        return ms + "ms";
    }

    /** A duration with its unit: a bare number is refused, as everywhere in netrare's config. */
    private static Duration parseDuration(String v) {
        if (v.isEmpty() || Character.isDigit(v.charAt(v.length() - 1))) {
            throw new IllegalArgumentException("no unit");
        }
        return ElasticJobs.parseTimeValue(v);
    }

    private String value(String key) {
        known.add(key);
        String v = settings.get(key);
        return v == null ? null : v.trim();
    }

    private <T> T problem(String key, String what, String value, T fallback) {
        problems.add(key + " " + what + ", was '" + value + "'");
        return fallback;
    }
}
