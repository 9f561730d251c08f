package io.netrare.model.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netrare.model.training.TrainingEvents;
import io.netrare.runtime.metrics.Metrics;

import java.util.concurrent.atomic.AtomicLong;

/** Every meter the training service declares. */
public final class TrainingMetrics implements TrainingEvents {

    private static final String SERVICE = "model";

    final Counter eventsLearned;
    final Counter eventsLate;
    final Counter eventsReplayed;
    final Counter bucketsClosed;
    final Counter deltasPublished;
    final Counter snapshotsPublished;
    final Counter messagesSplit;
    final Counter messageParts;
    final AtomicLong lastClosedBucket = new AtomicLong();
    final AtomicLong lastSnapshotEpochSeconds = new AtomicLong();

    public TrainingMetrics(MeterRegistry registry) {
        eventsLearned = Counter.builder(Metrics.name(SERVICE, "events_learned")).description("events folded into open buckets")
                .register(registry);
        eventsLate = Counter.builder(Metrics.name(SERVICE, "events_late")).description("events whose bucket had closed, routed to the late-events topic")
                .register(registry);
        eventsReplayed = Counter.builder(Metrics.name(SERVICE, "events_replayed")).description("events of closed buckets read again after a restart and skipped")
                .register(registry);
        bucketsClosed = Counter.builder(Metrics.name(SERVICE, "buckets_closed")).description("buckets closed and learned, over all shares")
                .register(registry);
        deltasPublished = Counter.builder(Metrics.name(SERVICE, "deltas_published")).description("bucket deltas written to the models topic")
                .register(registry);
        snapshotsPublished = Counter.builder(Metrics.name(SERVICE, "snapshots_published")).description("share snapshots written to the models topic")
                .register(registry);
        messagesSplit = Counter.builder(Metrics.name(SERVICE, "messages_split"))
                .description("deltas and snapshots too large for one producer request, written in parts").register(registry);
        messageParts = Counter.builder(Metrics.name(SERVICE, "message_parts"))
                .description("parts written for the messages split").register(registry);
        Gauge.builder(Metrics.name(SERVICE, "last_closed_bucket_seconds"), lastClosedBucket, AtomicLong::get)
                .description("start of the latest bucket closed, epoch seconds").baseUnit("seconds").register(registry);
        Gauge.builder(Metrics.name(SERVICE, "last_snapshot_timestamp_seconds"), lastSnapshotEpochSeconds, AtomicLong::get)
                .description("wall-clock time of the latest model publication, epoch seconds").baseUnit("seconds").register(registry);
    }

    @Override
    public void learned(long count) {
        eventsLearned.increment(count);
    }

    @Override
    public void late() {
        eventsLate.increment();
    }

    @Override
    public void replayed() {
        eventsReplayed.increment();
    }

    @Override
    public void deltaPublished(long bucket) {
        deltasPublished.increment();
        bucketsClosed.increment();
        lastClosedBucket.accumulateAndGet(bucket / 1000, Math::max);
    }

    @Override
    public void messageSplit(int parts) {
        messagesSplit.increment();
        messageParts.increment(parts);
    }

    @Override
    public void snapshotPublished(long epochMillis) {
        snapshotsPublished.increment();
        lastSnapshotEpochSeconds.set(epochMillis / 1000);
    }
}
