package io.netrare.alerting.sink;

import java.time.Duration;

/**
 * How hard sinks try. Attempt n waits {@code min(initialBackoff * 2^(n-1), maxBackoff)} (with up to 20% jitter)
 * before the next; after {@code maxAttempts} or past {@code deadline} from the first attempt, or on a
 * non-retriable failure, the alert goes to the dead letters ({@code netrare.dlq.alerting}).
 */
public record DeliveryConfig(
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration deadline) {

    /** The deadline stays under the Kafka consumer's max.poll.interval.ms (5 minutes) of the sink loops. */
    public static final DeliveryConfig DEFAULTS = new DeliveryConfig(8, Duration.ofMillis(200), Duration.ofSeconds(30),
            Duration.ofMinutes(2));

    public static DeliveryConfig defaults() {
        return DEFAULTS;
    }

    /** The default number of attempts with other waits and deadline (tests, examples). */
    public static DeliveryConfig of(Duration initialBackoff, Duration maxBackoff, Duration deadline) {
        return new DeliveryConfig(DEFAULTS.maxAttempts(), initialBackoff, maxBackoff, deadline);
    }

    public DeliveryConfig {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("delivery.max_attempts must be at least 1, got " + maxAttempts);
        }
        for (Duration d : new Duration[] {initialBackoff, maxBackoff, deadline}) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException("delivery durations must be set and not negative");
            }
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("delivery.max_backoff must not be below delivery.initial_backoff");
        }
    }

    /** The wait after failed attempt {@code attempt} (1-based), before jitter. */
    public Duration backoff(int attempt) {
        long factor = 1L << Math.min(30, attempt - 1);
        Duration d = initialBackoff.multipliedBy(factor);
        return d.compareTo(maxBackoff) > 0 || d.isNegative() ? maxBackoff : d;
    }
}
