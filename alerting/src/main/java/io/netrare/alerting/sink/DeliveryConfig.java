package io.netrare.alerting.sink;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How hard sinks try. Attempt n waits {@code min(initialBackoff * 2^(n-1), maxBackoff)} (with up to 20% jitter)
 * before the next; after {@code maxAttempts} or past {@code deadline} from the first attempt, or on a
 * non-retriable failure, the alert goes to the dead letters.
 *
 * @param bufferCapacity  alerts queued per sink in process; a full queue blocks the producer for up to
 *                        {@code offerTimeout} (back-pressure), then the alert is dead-lettered
 * @param deadLetterFile  NDJSON file of undeliverable alerts (with sink and reason), or null for none
 *                        (the Kafka service dead-letters to netrare.dlq.alerting instead)
 */
public record DeliveryConfig(
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration deadline,
        int bufferCapacity,
        Duration offerTimeout,
        Path deadLetterFile) {

    /** The deadline stays under the Kafka consumer's max.poll.interval.ms (5 minutes) of the sink loops. */
    public static final DeliveryConfig DEFAULTS = new DeliveryConfig(8, Duration.ofMillis(200), Duration.ofSeconds(30),
            Duration.ofMinutes(2), 1000, Duration.ofSeconds(5), null);

    public static DeliveryConfig defaults() {
        return DEFAULTS;
    }

    public DeliveryConfig {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("delivery.max_attempts must be at least 1, got " + maxAttempts);
        }
        if (bufferCapacity < 1) {
            throw new IllegalArgumentException("delivery.buffer_capacity must be at least 1, got " + bufferCapacity);
        }
        for (Duration d : new Duration[] {initialBackoff, maxBackoff, deadline, offerTimeout}) {
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
