package io.netrare.alerting.rules;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * The optional {@code [netrare]} table of a rule: what Elastic's ML rule cannot express in its TOML.
 *
 * @param streamingAlerts alert on interim records at once (the final record of the same anomaly then does not alert again)
 * @param exceptions      allow-list items; an anomaly matching any item raises no alert
 * @param suppression     grouping of alerts over a window, or null for none
 * @param rateLimit       at most so many alerts of the rule per window, or null for no limit
 */
public record NetrareExtensions(boolean streamingAlerts, List<ExceptionItem> exceptions, Suppression suppression,
                                RateLimit rateLimit) {

    public static final NetrareExtensions NONE = new NetrareExtensions(false, List.of(), null, null);

    public NetrareExtensions {
        exceptions = exceptions == null ? List.of() : List.copyOf(exceptions);
    }

    public NetrareExtensions(boolean streamingAlerts, List<ExceptionItem> exceptions, Suppression suppression) {
        this(streamingAlerts, exceptions, suppression, null);
    }

    /**
     * At most {@code maxAlerts} new alerts of the rule per {@code window} of wall-clock time (fixed windows
     * starting at the first alert). Alerts over the limit are held back (remembered, counted, not published);
     * the next alert let through says how many were held back.
     */
    public record RateLimit(int maxAlerts, Duration window) {
        public RateLimit {
            if (maxAlerts < 1) {
                throw new IllegalArgumentException("rate_limit.max_alerts must be at least 1, got " + maxAlerts);
            }
            requireNonNull(window, "window is null");
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("rate_limit.window must be positive");
            }
        }
    }

    /** One exception item: every entry must match (AND); items are alternatives (OR), as in Kibana. */
    public record ExceptionItem(String description, List<Entry> entries) {
        public ExceptionItem {
            entries = List.copyOf(entries);
        }
    }

    /** A field condition: {@code is}, {@code is one of} or {@code wildcard} ({@code *} and {@code ?}). */
    public record Entry(String field, Operator operator, List<String> values) {
        public Entry {
            requireNonNull(field, "field is null");
            requireNonNull(operator, "operator is null");
            values = List.copyOf(values);
        }
    }

    /** Exception operators, spelled as in Kibana's exception builder. */
    public enum Operator {
        IS("is"), IS_ONE_OF("is one of"), WILDCARD("wildcard");

        private final String spelling;

        Operator(String spelling) {
            this.spelling = spelling;
        }

        public String spelling() {
            return spelling;
        }

        /** Accepts "is", "is one of", "is_one_of", "wildcard" (any case); null when unknown. */
        public static Operator parse(String text) {
            String normalized = text.trim().toLowerCase(Locale.ROOT).replace('_', ' ');
            for (Operator op : values()) {
                if (op.spelling.equals(normalized)) {
                    return op;
                }
            }
            return null;
        }
    }

    /** Group alerts by field values over a window; the first alert of a group survives and counts the rest. */
    public record Suppression(List<String> groupBy, Duration window) {
        public Suppression {
            groupBy = List.copyOf(groupBy);
            requireNonNull(window, "window is null");
        }
    }
}
