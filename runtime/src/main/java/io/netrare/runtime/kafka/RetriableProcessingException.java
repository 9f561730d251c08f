package io.netrare.runtime.kafka;

/**
 * Thrown by a processor for a failure that may succeed when retried (a downstream service briefly
 * unavailable). The loop retries it with backoff until the retry deadline; any other exception is
 * not retried, except Kafka's own {@link org.apache.kafka.common.errors.RetriableException}.
 */
public class RetriableProcessingException extends RuntimeException {
    public RetriableProcessingException(String message) {
        super(message);
    }

    public RetriableProcessingException(String message, Throwable cause) {
        super(message, cause);
    }
}
