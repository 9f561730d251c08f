package io.netrare.runtime.kafka;

import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TransactionAbortableException;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Tells an outage of the brokers (ride it out: back off, re-create the producer, resume from the last
 * commit) from an error that must end the client (fencing by a newer instance, denied access).
 *
 * <p>A transaction left open through an outage longer than {@code transaction.timeout.ms} is aborted by
 * its coordinator, which bumps the producer epoch: the producer then sees {@link ProducerFencedException}
 * or {@link InvalidProducerEpochException} although no other instance exists. So fencing counts as an
 * outage when the transaction has been open longer than the transaction timeout or an outage error was
 * already seen during it; fencing in a healthy, short transaction means a newer instance took over.
 */
public final class BrokerOutage {

    private BrokerOutage() {
    }

    /** True for timeouts, retriable errors and the abortable transaction errors, anywhere in the cause chain. */
    public static boolean isOutage(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof AuthenticationException || c instanceof AuthorizationException || isFencing(c)) {
                return false;
            }
            if (c instanceof org.apache.kafka.common.errors.TimeoutException || c instanceof RetriableException
                    || c instanceof TransactionAbortableException || c instanceof RestoreTimeoutException
                    || c instanceof InvalidReplicationFactorException) { // every broker fenced: one is shutting down
                return true;
            }
        }
        return false;
    }

    /**
     * True when the group moved on under the loop (a rebalance during the commit): no outage, the producer
     * stays; abort the transaction and redo the batch from the last commit.
     */
    public static boolean isRebalance(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (isFencing(c)) {
                return false;
            }
            if (c instanceof CommitFailedException || c instanceof RebalanceInProgressException) {
                return true;
            }
        }
        return false;
    }

    /** True when the error says another producer or group member with this identity took over. */
    public static boolean isFencing(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof ProducerFencedException || c instanceof InvalidProducerEpochException
                    || c instanceof FencedInstanceIdException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the client should recover from {@code t} rather than end.
     *
     * @param transactionAge     how long the current transaction has been open (zero when none)
     * @param transactionTimeout the producer's {@code transaction.timeout.ms}
     * @param outageSeen         an outage error was already seen while this transaction was open
     */
    public static boolean recoverable(Throwable t, Duration transactionAge, Duration transactionTimeout, boolean outageSeen) {
        if (isFencing(t)) {
            return outageSeen || transactionAge.compareTo(transactionTimeout) >= 0;
        }
        return isOutage(t);
    }

    /** The wait before recovery attempt {@code attempt} (1-based): the retry backoff, at least 100 ms, at most 30 s. */
    public static Duration backoff(RetrySettings retry, int attempt) {
        long millis = retry.backoff(attempt).toMillis();
        long floor = 100;
        long cap = Math.max(1000, Math.min(30_000, Math.max(retry.maxBackoff().toMillis(), floor)));
        double exp = floor * Math.pow(2, Math.min(20, attempt - 1));
        return Duration.ofMillis(Math.min(cap, Math.max(millis, (long) Math.min(exp, cap))));
    }

    /**
     * Runs {@code attempt} until it completes, riding out an outage however long it lasts: an error that
     * {@code recoverable} accepts goes to {@code onOutage} with the wait before the next try
     * ({@link #backoff}), slept while {@code running} holds. Any other error is thrown, and so is the outage
     * error when {@code running} no longer holds (no further try is made then).
     */
    public static <E extends Exception> void untilConnected(Attempt<E> attempt, Predicate<Throwable> recoverable,
                                                            RetrySettings retry, BooleanSupplier running, Listener onOutage)
            throws E, InterruptedException {
        for (int n = 1; ; n++) {
            try {
                attempt.run();
                return;
            } catch (Exception e) {
                if (!running.getAsBoolean() || !recoverable.test(e)) {
                    throw e;
                }
                Duration wait = backoff(retry, n);
                onOutage.outage(e, wait);
                sleepWhile(running, wait);
                if (!running.getAsBoolean()) {
                    throw e; // stopped during the outage: the caller resumes from its last commit on restart
                }
            }
        }
    }

    /** Sleeps for {@code wait}, or less once {@code running} no longer holds. */
    static void sleepWhile(BooleanSupplier running, Duration wait) throws InterruptedException {
        long until = System.nanoTime() + wait.toNanos();
        while (running.getAsBoolean() && System.nanoTime() < until) {
            Thread.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
        }
    }

    /** One try at something the brokers must answer. */
    @FunctionalInterface
    public interface Attempt<E extends Exception> {
        void run() throws E;
    }

    /** Hears of each outage error, before the wait. */
    @FunctionalInterface
    public interface Listener {
        void outage(Exception cause, Duration wait);
    }

    /** A restore that could not read its topic to the end in time: the brokers are slow or away. */
    public static final class RestoreTimeoutException extends org.apache.kafka.common.errors.TimeoutException {
        public RestoreTimeoutException(String message) {
            super(message);
        }
    }
}
