package io.netrare.runtime.kafka;

import java.time.Duration;

/**
 * Exponential backoff for retriable processing errors: waits {@code initial}, then × {@code multiplier}
 * each attempt, capped at {@code max}, and gives up when the next wait would pass {@code deadline}
 * (measured from the first failure). Then the stage's failure policy applies.
 */
public record RetrySettings(Duration initialBackoff, Duration maxBackoff, double multiplier, Duration deadline) {

    public RetrySettings {
        if (initialBackoff == null || initialBackoff.isNegative()) {
            throw new IllegalArgumentException("initial_backoff must not be negative");
        }
        if (maxBackoff == null || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("max_backoff must be at least initial_backoff");
        }
        if (multiplier < 1.0) {
            throw new IllegalArgumentException("multiplier must be >= 1, got " + multiplier);
        }
        if (deadline == null || deadline.isNegative()) {
            throw new IllegalArgumentException("deadline must not be negative");
        }
        if (deadline.compareTo(Duration.ofMinutes(4)) > 0) {
            // a retrying loop does not poll; past max.poll.interval.ms (5 min) the group would evict it
            throw new IllegalArgumentException("deadline must be at most 4m (the consumer's poll interval), got " + deadline);
        }
    }

    public static RetrySettings defaults() {
        return new RetrySettings(Duration.ofMillis(100), Duration.ofSeconds(10), 2.0, Duration.ofSeconds(60));
    }

    /** No retries at all. */
    public static RetrySettings none() {
        return new RetrySettings(Duration.ZERO, Duration.ZERO, 1.0, Duration.ZERO);
    }

    /** The wait before retry number {@code attempt} (1-based). */
    public Duration backoff(int attempt) {
        double millis = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
        return Duration.ofMillis((long) Math.min(millis, maxBackoff.toMillis()));
    }
}
