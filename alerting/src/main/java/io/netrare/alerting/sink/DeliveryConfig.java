package io.netrare.alerting.sink;

import io.netrare.runtime.config.DataSize;
import io.netrare.runtime.kafka.RetrySettings;

import java.time.Duration;

/**
 * How hard the sinks try. A failed attempt that may succeed later (I/O error, HTTP 408, 425, 429, 5xx) is
 * retried by the runtime's {@link io.netrare.runtime.kafka.Retrier}: waits of {@code initialBackoff}, doubling,
 * capped at {@code maxBackoff}, until the next wait would pass {@code deadline} from the first failure; then,
 * or at once on a permanent failure (another 4xx), the alert goes to {@code netrare.dlq.alerting}.
 * Authentication failures (401, 403) follow {@code authFailure} instead.
 *
 * @param deadline        at most 4m: a sink loop that retries does not poll, and the consumer's
 *                        {@code max.poll.interval.ms} is 5 minutes
 * @param maxResponseBody at most this much of a receiver's response body is read (the rest is discarded);
 *                        an excerpt of it goes into the failure reason
 */
public record DeliveryConfig(
        Duration initialBackoff,
        Duration maxBackoff,
        Duration deadline,
        DataSize maxResponseBody,
        AuthFailurePolicy authFailure) {

    public DeliveryConfig {
        initialBackoff = initialBackoff == null ? Duration.ofMillis(200) : initialBackoff;
        maxBackoff = maxBackoff == null ? Duration.ofSeconds(30) : maxBackoff;
        deadline = deadline == null ? Duration.ofMinutes(2) : deadline;
        maxResponseBody = maxResponseBody == null ? DataSize.ofKilobytes(4) : maxResponseBody;
        authFailure = authFailure == null ? AuthFailurePolicy.defaults() : authFailure;
        try {
            retrySettings(initialBackoff, maxBackoff, deadline);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("delivery." + e.getMessage(), e);
        }
        if (maxResponseBody.bytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("delivery.max_response_body is too large: " + maxResponseBody);
        }
    }

    public static DeliveryConfig defaults() {
        return new DeliveryConfig(null, null, null, null, null);
    }

    /** Fast settings for tests and examples. */
    public static DeliveryConfig of(Duration initialBackoff, Duration maxBackoff, Duration deadline) {
        return new DeliveryConfig(initialBackoff, maxBackoff, deadline, null, null);
    }

    public DeliveryConfig withAuthFailure(AuthFailurePolicy policy) {
        return new DeliveryConfig(initialBackoff, maxBackoff, deadline, maxResponseBody, policy);
    }

    /** The retry settings of the runtime's retrier: doubling waits. */
    public RetrySettings retry() {
        return retrySettings(initialBackoff, maxBackoff, deadline);
    }

    private static RetrySettings retrySettings(Duration initial, Duration max, Duration deadline) {
        return new RetrySettings(initial, max, 2.0, deadline);
    }
}
