package io.netrare.alerting.service;

import io.netrare.alerting.sink.AlertSink;
import io.netrare.alerting.sink.AuthFailurePolicy;
import io.netrare.alerting.sink.DeliveryConfig;
import io.netrare.alerting.sink.DeliveryException;
import io.netrare.runtime.kafka.DeadLetters;
import io.netrare.runtime.kafka.Output;
import io.netrare.runtime.kafka.RecordProcessor;
import io.netrare.runtime.kafka.Retrier;
import io.netrare.runtime.text.SafeText;
import io.netrare.schema.Alert;
import io.netrare.schema.Json;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * One sink's delivery from the alerts topic (the outbox), in its own consumer group. Each alert is tried
 * with the runtime's {@link Retrier}; the loop commits its offset once it was delivered or dead-lettered
 * (the runtime's {@link DeadLetters} to {@code netrare.dlq.alerting}, stage {@code sink-<name>}), so a
 * restart resumes at the first alert not yet handled.
 * <p>
 * An authentication failure (HTTP 401/403, or a secret that cannot be read) with the {@code hold} policy
 * pauses the sink instead: the alert and every later one are held in order, their offsets not committed
 * (a restart or a rebalance reads them again), and {@link #onTick} tries the first again after a growing
 * backoff until the receiver accepts it, then delivers the rest.
 */
final class SinkDeliveryProcessor implements RecordProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(SinkDeliveryProcessor.class);

    private final AlertSink sink;
    private final AuthFailurePolicy authPolicy;
    private final AlertingMetrics metrics;
    private final Clock clock;
    private final Retrier retrier;
    private final String deadLetterTopic;
    private final Deque<ConsumerRecord<byte[], byte[]>> held = new ArrayDeque<>();
    /** Per partition, the offset after the last alert handed to this processor. */
    private final Map<TopicPartition, Long> next = new HashMap<>();
    /** Held alerts were handled since the last commit: their partitions may commit past them now. */
    private boolean released;
    private Instant heldSince;
    private Instant nextAttempt;
    private int authFailures;

    SinkDeliveryProcessor(AlertSink sink, DeliveryConfig config, AlertingMetrics metrics, Clock clock,
                          Retrier.Sleeper sleeper, String deadLetterTopic) {
        this.sink = requireNonNull(sink, "sink is null");
        this.authPolicy = requireNonNull(config, "config is null").authFailure();
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.retrier = new Retrier(config.retry(), clock, sleeper);
        this.deadLetterTopic = requireNonNull(deadLetterTopic, "deadLetterTopic is null");
        metrics.heldAlerts(sink.name(), held::size);
    }

    @Override
    public void process(ConsumerRecord<byte[], byte[]> record, Output out) throws InterruptedException {
        next.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
        if (!held.isEmpty()) {
            Json.read(record.value(), Alert.class); // a malformed record fails here, under the loop's policy
            hold(record, out);
            return;
        }
        deliverOrHandle(record, out);
    }

    /** Retries the held alerts when their backoff has passed. */
    @Override
    public void onTick(Instant now, Output out) throws InterruptedException {
        if (held.isEmpty() || now.isBefore(nextAttempt)) {
            return;
        }
        if (!authPolicy.maxHold().isZero() && Duration.between(heldSince, now).compareTo(authPolicy.maxHold()) >= 0) {
            LOG.error("{}: receiver still refuses the credentials after {}; dead-lettering the {} held alerts "
                    + "(redeliver them with 'netrare alerts redeliver --sink {}')", sink.name(), authPolicy.maxHold(),
                    held.size(), sink.name());
            while (!held.isEmpty()) {
                deadLetter(held.poll(), out, new DeliveryException(sink.name() + ": held for " + authPolicy.maxHold()
                        + " while the receiver refused the credentials", false));
            }
            resume();
            return;
        }
        while (!held.isEmpty()) {
            ConsumerRecord<byte[], byte[]> first = held.poll();
            int before = held.size();
            deliverOrHandle(first, out);
            if (held.size() > before) {
                return; // refused again: it went back to the head, wait for the next backoff
            }
            if (held.isEmpty()) {
                LOG.warn("{}: receiver accepts the credentials again; held alerts delivered", sink.name());
                resume();
            }
        }
    }

    private void deliverOrHandle(ConsumerRecord<byte[], byte[]> record, Output out) throws InterruptedException {
        Alert alert = Json.read(record.value(), Alert.class);
        try {
            retrier.run(() -> sink.deliver(alert), SinkDeliveryProcessor::retriable, (attempt, error) -> {
                metrics.deliveryFailed(sink.name());
                LOG.debug("{} attempt {} for alert {} failed ({}); retrying", sink.name(), attempt, alert.alertId(),
                        SafeText.line(error.getMessage()));
            });
            metrics.delivered(sink.name(), Duration.between(alert.timestamp(), clock.instant()));
        } catch (DeliveryException e) {
            metrics.deliveryFailed(sink.name());
            if (e.authFailure()) {
                metrics.authFailure(sink.name());
                if (authPolicy.action() == AuthFailurePolicy.Action.HOLD) {
                    holdAfterAuthFailure(record, e);
                    return;
                }
            }
            deadLetter(record, out, e);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            // a bug in a sink must not stop delivery to the others: treat as permanent
            metrics.deliveryFailed(sink.name());
            deadLetter(record, out, e);
        }
    }

    private void holdAfterAuthFailure(ConsumerRecord<byte[], byte[]> record, DeliveryException e) {
        held.addFirst(record);
        authFailures++;
        Instant now = clock.instant();
        if (heldSince == null) {
            heldSince = now;
        }
        Duration wait = authPolicy.backoff(authFailures);
        nextAttempt = now.plus(wait);
        LOG.error("{}: the receiver refused the credentials ({}); holding {} alert(s), next attempt in {}. "
                        + "Check the sink's token or password; secret files are read again on every attempt.",
                sink.name(), SafeText.line(e.getMessage()), held.size(), wait);
    }

    private void hold(ConsumerRecord<byte[], byte[]> record, Output out) {
        if (held.size() >= authPolicy.maxHeld()) {
            deadLetter(record, out, new DeliveryException(sink.name() + ": more than " + authPolicy.maxHeld()
                    + " alerts held while the receiver refuses the credentials", false));
            return;
        }
        held.addLast(record);
    }

    private void resume() {
        released = true;
        heldSince = null;
        nextAttempt = null;
        authFailures = 0;
    }

    private void deadLetter(ConsumerRecord<byte[], byte[]> record, Output out, Exception error) {
        LOG.warn("{} could not deliver alert at {}-{}@{}: {}; sent to {}", sink.name(), record.topic(),
                record.partition(), record.offset(), SafeText.line(String.valueOf(error.getMessage())), deadLetterTopic);
        out.send(DeadLetters.of(deadLetterTopic, record, stage(sink.name()), error));
        metrics.deadLettered(sink.name());
    }

    /** The dead-letter stage of a sink's failures, which {@code netrare alerts redeliver} selects by. */
    static String stage(String sinkName) {
        return "sink-" + sinkName;
    }

    /**
     * Held partitions commit no further than their first held alert, so a restart reads them again; once the
     * held alerts are handled, their partitions commit past them even if no new alert arrived.
     */
    @Override
    public Map<TopicPartition, OffsetAndMetadata> offsetsToCommit(Map<TopicPartition, OffsetAndMetadata> consumed) {
        if (held.isEmpty() && !released) {
            return consumed;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(consumed);
        if (released) {
            next.forEach((tp, offset) -> offsets.merge(tp, new OffsetAndMetadata(offset),
                    (a, b) -> a.offset() >= b.offset() ? a : b));
            released = false;
        }
        Map<TopicPartition, Long> firstHeld = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : held) {
            firstHeld.merge(new TopicPartition(r.topic(), r.partition()), r.offset(), Math::min);
        }
        firstHeld.forEach((tp, offset) -> offsets.computeIfPresent(tp, (k, v) -> new OffsetAndMetadata(offset)));
        return offsets;
    }

    /** Held alerts of revoked partitions are the new owner's now (it reads them from the committed offset). */
    @Override
    public void onRevoked(Collection<TopicPartition> partitions) {
        held.removeIf(r -> partitions.contains(new TopicPartition(r.topic(), r.partition())));
        partitions.forEach(next::remove);
        if (held.isEmpty()) {
            resume();
        }
    }

    int heldCount() {
        return held.size();
    }

    String sinkName() {
        return sink.name();
    }

    void close() {
        sink.close();
    }

    private static boolean retriable(Exception e) {
        return e instanceof DeliveryException d && d.retriable();
    }
}
