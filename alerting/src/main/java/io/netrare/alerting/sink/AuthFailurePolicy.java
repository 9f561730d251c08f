package io.netrare.alerting.sink;

import java.time.Duration;

/**
 * What a sink does when its receiver refuses the credentials (HTTP 401 or 403). A wrong or expired token is
 * an operator's problem that retrying within minutes will not fix, and dead-lettering every alert at once
 * would bury the dead-letter topic; so by default the sink holds: it keeps the alerts (in order, their
 * offsets uncommitted), logs an error, raises {@code netrare_alerting_sink_auth_failures_total} and the
 * {@code netrare_alerting_sink_held_alerts} gauge, and tries the first held alert again after a backoff,
 * reading the secret files again on each attempt, until the receiver accepts it.
 *
 * @param action         {@code hold} (default) or {@code dead_letter} (treat like any permanent failure)
 * @param initialBackoff first wait after an authentication failure; doubles up to {@code maxBackoff}
 * @param maxHold        after holding this long the held alerts are dead-lettered (redeliver them with
 *                       {@code netrare alerts redeliver}); 0 holds forever
 * @param maxHeld        at most this many alerts are held; alerts beyond it are dead-lettered at once
 */
public record AuthFailurePolicy(Action action, Duration initialBackoff, Duration maxBackoff, Duration maxHold,
                                int maxHeld) {

    /** The two ways to handle an authentication failure. */
    public enum Action {
        HOLD, DEAD_LETTER
    }

    public AuthFailurePolicy {
        action = action == null ? Action.HOLD : action;
        initialBackoff = initialBackoff == null ? Duration.ofSeconds(10) : initialBackoff;
        maxBackoff = maxBackoff == null ? Duration.ofMinutes(5) : maxBackoff;
        maxHold = maxHold == null ? Duration.ofHours(24) : maxHold;
        if (initialBackoff.isNegative() || initialBackoff.isZero()) {
            throw new IllegalArgumentException("delivery.auth_failure.initial_backoff must be positive");
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("delivery.auth_failure.max_backoff must be at least initial_backoff");
        }
        if (maxHold.isNegative()) {
            throw new IllegalArgumentException("delivery.auth_failure.max_hold must not be negative");
        }
        if (maxHeld < 1) {
            throw new IllegalArgumentException("delivery.auth_failure.max_held must be at least 1, got " + maxHeld);
        }
    }

    public static AuthFailurePolicy defaults() {
        return new AuthFailurePolicy(null, null, null, null, 10_000);
    }

    /** The wait after {@code failures} consecutive authentication failures (1-based). */
    public Duration backoff(int failures) {
        Duration d = initialBackoff.multipliedBy(1L << Math.min(20, Math.max(0, failures - 1)));
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }
}
