package io.netrare.alerting.sink;

import io.netrare.alerting.service.AlertingMetrics;
import io.netrare.schema.Alert;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import static java.util.Objects.requireNonNull;

/**
 * Delivers one alert to one sink: retries retriable failures with exponential backoff and jitter until
 * {@code max_attempts} or the deadline, then hands the alert to the dead letters. Returns only when the
 * alert is delivered or dead-lettered, so a caller that commits its input offset afterwards neither
 * loses nor repeats alerts.
 */
public final class ReliableDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(ReliableDelivery.class);

    /** Waits between attempts; tests pass one that records the waits. */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;

        Sleeper THREAD = d -> Thread.sleep(d.toMillis());
    }

    private final AlertSink sink;
    private final DeliveryConfig config;
    private final DeadLetters deadLetters;
    private final AlertingMetrics metrics;
    private final Clock clock;
    private final Sleeper sleeper;

    public ReliableDelivery(AlertSink sink, DeliveryConfig config, DeadLetters deadLetters, AlertingMetrics metrics,
                            Clock clock, Sleeper sleeper) {
        this.sink = requireNonNull(sink, "sink is null");
        this.config = requireNonNull(config, "config is null");
        this.deadLetters = requireNonNull(deadLetters, "deadLetters is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.sleeper = requireNonNull(sleeper, "sleeper is null");
    }

    public String sinkName() {
        return sink.name();
    }

    /**
     * @return true when delivered, false when dead-lettered
     * @throws InterruptedException when stopped while waiting; the alert is then neither delivered nor
     *                              dead-lettered and must be offered again after the restart
     */
    public boolean deliver(Alert alert) throws InterruptedException {
        Instant deadline = clock.instant().plus(config.deadline());
        DeliveryException last = null;
        for (int attempt = 1; attempt <= config.maxAttempts(); attempt++) {
            try {
                sink.deliver(alert);
                metrics.delivered(sink.name(), Duration.between(alert.timestamp(), clock.instant()));
                return true;
            } catch (DeliveryException e) {
                last = e;
                metrics.deliveryFailed(sink.name());
                if (!e.retriable() || attempt == config.maxAttempts()) {
                    break;
                }
                Duration wait = jittered(config.backoff(attempt));
                if (clock.instant().plus(wait).isAfter(deadline)) {
                    break;
                }
                LOG.debug("{} attempt {} for alert {} failed ({}); retrying in {}", sink.name(), attempt,
                        alert.alertId(), e.getMessage(), wait);
                sleeper.sleep(wait);
            } catch (RuntimeException e) {
                // a bug in a sink must not stop delivery to the others: treat as permanent
                last = new DeliveryException(e.toString(), false, e);
                metrics.deliveryFailed(sink.name());
                break;
            }
        }
        String reason = last == null ? "unknown" : last.getMessage();
        LOG.warn("{} could not deliver alert {}: {}; sent to dead letters", sink.name(), alert.alertId(), reason);
        deadLetters.accept(sink.name(), alert, reason);
        metrics.deadLettered(sink.name());
        return false;
    }

    private static Duration jittered(Duration base) {
        // up to 20% less, so that many alerts failing together do not retry in lockstep
        long millis = base.toMillis();
        return Duration.ofMillis(millis - (long) (millis * 0.2 * ThreadLocalRandom.current().nextDouble()));
    }
}
