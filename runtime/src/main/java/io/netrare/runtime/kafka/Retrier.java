package io.netrare.runtime.kafka;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

import static java.util.Objects.requireNonNull;

/**
 * Runs an action, retrying it with exponential backoff while it throws a retriable error
 * ({@link RetriableProcessingException} or Kafka's {@link org.apache.kafka.common.errors.RetriableException})
 * and the next wait ends before the deadline. Any other error, or the last retriable one, is rethrown.
 */
public final class Retrier {

    /** Waits; replaceable in tests. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /** Told about each retry before its wait. */
    @FunctionalInterface
    public interface RetryListener {
        void retrying(int attempt, Exception error);
    }

    /** An action that may throw anything. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    private final RetrySettings settings;
    private final Clock clock;
    private final Sleeper sleeper;

    public Retrier(RetrySettings settings, Clock clock, Sleeper sleeper) {
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.sleeper = requireNonNull(sleeper, "sleeper is null");
    }

    public static boolean isRetriable(Throwable t) {
        Throwable cause = t instanceof StageException && t.getCause() != null ? t.getCause() : t;
        return cause instanceof RetriableProcessingException
                || cause instanceof org.apache.kafka.common.errors.RetriableException;
    }

    /**
     * Runs {@code action}; {@code onRetry} is told the attempt number and error before each retry.
     *
     * @throws Exception the action's last error
     */
    public void run(Action action, RetryListener onRetry) throws Exception {
        run(action, Retrier::isRetriable, onRetry);
    }

    /**
     * Runs {@code action}, retrying the errors {@code retriable} accepts (a caller with its own failure types,
     * such as the alert sinks' delivery failures).
     *
     * @throws Exception the action's last error
     */
    public void run(Action action, Predicate<? super Exception> retriable, RetryListener onRetry) throws Exception {
        Instant deadline = null;
        int attempt = 0;
        while (true) {
            try {
                action.run();
                return;
            } catch (Exception e) {
                if (e instanceof InterruptedException || !retriable.test(e)) {
                    throw e;
                }
                Instant now = clock.instant();
                if (deadline == null) {
                    deadline = now.plus(settings.deadline());
                }
                attempt++;
                Duration wait = settings.backoff(attempt);
                if (now.plus(wait).isAfter(deadline)) {
                    throw e;
                }
                onRetry.retrying(attempt, e);
                sleeper.sleep(wait);
            }
        }
    }
}
