package io.netrare.alerting.rules;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Elastic's short durations: {@code 500ms}, {@code 30s}, {@code 15m}, {@code 1h}, {@code 2d}. */
public final class Durations {

    private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private Durations() {
    }

    /** The duration, or null when the text is not one. */
    public static Duration parse(String text) {
        Matcher m = SHORT.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
