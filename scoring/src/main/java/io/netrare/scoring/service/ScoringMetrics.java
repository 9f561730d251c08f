package io.netrare.scoring.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netrare.runtime.metrics.Metrics;
import io.netrare.scoring.stream.ScoringEvents;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Every meter the scoring service declares. */
public final class ScoringMetrics implements ScoringEvents {

    private static final String SERVICE = "scoring";

    final Counter interimRecords;
    final Counter finalRecords;
    final Counter renormalizedRecords;
    final Counter bucketsScored;
    final Counter eventsLate;
    final Counter eventsReplayed;
    final Counter shareTimeouts;
    final Counter snapshotsTaken;
    final Counter restores;
    final Counter restoredBuckets;
    final Timer eventToRecord;
    final Timer bucketTime;
    final Timer bucketCpu;
    final AtomicLong modelBucket = new AtomicLong();
    final AtomicLong watermarkLagSeconds = new AtomicLong();
    final AtomicLong openBuckets = new AtomicLong();

    /** Reasons a model holds back a candidate that is rare on its host (see docs/models.md). */
    static final java.util.List<String> SUPPRESSION_REASONS = java.util.List.of("peer_support", "common_in_group",
            "base_system", "cadence");

    private final MeterRegistry registry;

    public ScoringMetrics(MeterRegistry registry) {
        this.registry = registry;
        String records = Metrics.name(SERVICE, "records");
        interimRecords = Counter.builder(records).tag("kind", "interim").description("anomaly records written, by kind")
                .register(registry);
        finalRecords = Counter.builder(records).tag("kind", "final").description("anomaly records written, by kind")
                .register(registry);
        renormalizedRecords = Counter.builder(records).tag("kind", "renormalized")
                .description("anomaly records written, by kind").register(registry);
        bucketsScored = Counter.builder(Metrics.name(SERVICE, "buckets_closed")).description("buckets scored")
                .register(registry);
        eventsLate = Counter.builder(Metrics.name(SERVICE, "events_late"))
                .description("events whose bucket was already scored, routed to the late-events topic").register(registry);
        eventsReplayed = Counter.builder(Metrics.name(SERVICE, "events_replayed"))
                .description("events of scored buckets read again after a restart and skipped").register(registry);
        shareTimeouts = Counter.builder(Metrics.name(SERVICE, "share_timeouts"))
                .description("buckets scored without every training share, after the share timeout").register(registry);
        snapshotsTaken = Counter.builder(Metrics.name(SERVICE, "snapshots"))
                .description("scoring state snapshots taken (each written once per owned partition that commits)")
                .register(registry);
        restores = Counter.builder(Metrics.name(SERVICE, "restores"))
                .description("model rebuilds after a restart or rebalance").register(registry);
        restoredBuckets = Counter.builder(Metrics.name(SERVICE, "restore_replayed_buckets"))
                .description("buckets of deltas learned again by rebuilds (after the snapshot restored, if any)")
                .register(registry);
        for (String reason : java.util.List.of("unreadable", "ahead")) {
            snapshotFallback(reason, registry);
        }
        eventToRecord = Timer.builder(Metrics.name(SERVICE, "event_to_record"))
                .description("from an event's produce time to the interim record it raised")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
        bucketTime = Timer.builder(Metrics.name(SERVICE, "bucket"))
                .description("time to learn and score one closed bucket and build its records")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000)).maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
        bucketCpu = Timer.builder(Metrics.name(SERVICE, "bucket_cpu"))
                .description("CPU time of the scoring thread to learn and score one closed bucket and build its records")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000)).maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
        Gauge.builder(Metrics.name(SERVICE, "model_bucket_seconds"), modelBucket, AtomicLong::get)
                .description("start of the last bucket the model in use has learned (the model version), epoch seconds")
                .baseUnit("seconds").register(registry);
        Gauge.builder(Metrics.name(SERVICE, "watermark_lag_seconds"), watermarkLagSeconds, AtomicLong::get)
                .description("wall clock minus the end of the last scored bucket").baseUnit("seconds").register(registry);
        Gauge.builder(Metrics.name(SERVICE, "open_buckets"), openBuckets, AtomicLong::get)
                .description("buckets holding owned events not yet scored").register(registry);
    }

    @Override
    public void interimRecord(long millis) {
        interimRecords.increment();
        eventToRecord.record(Duration.ofMillis(millis));
    }

    @Override
    public void finalRecord() {
        finalRecords.increment();
    }

    @Override
    public void renormalizedRecord() {
        renormalizedRecords.increment();
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
    public void shareTimeout() {
        shareTimeouts.increment();
    }

    private static Counter snapshotFallback(String reason, MeterRegistry registry) {
        return Counter.builder(Metrics.name(SERVICE, "snapshot_fallbacks")).tag("reason", reason)
                .description("restores that could not use a scoring snapshot and rebuilt from the deltas: unreadable "
                        + "(did not decode or restore) or ahead (every snapshot past the bucket to resume from)")
                .register(registry);
    }

    @Override
    public void snapshotTaken(long bucket) {
        snapshotsTaken.increment();
    }

    @Override
    public void restored(long snapshotBucket, int replayedBuckets) {
        restores.increment();
        restoredBuckets.increment(replayedBuckets);
    }

    @Override
    public void snapshotFallback(String reason) {
        snapshotFallback(reason, registry).increment();
    }

    @Override
    public void modelBucket(long bucket) {
        modelBucket.set(bucket / 1000);
    }

    @Override
    public void bucketScored(long bucket, long lagSeconds) {
        bucketsScored.increment();
        watermarkLagSeconds.set(lagSeconds);
    }

    @Override
    public void bucketLearnedAndScored(long wallNanos, long cpuNanos) {
        bucketTime.record(Duration.ofNanos(wallNanos));
        if (cpuNanos >= 0) {
            bucketCpu.record(Duration.ofNanos(cpuNanos));
        }
    }

    @Override
    public void openBuckets(boolean any) {
        openBuckets.set(any ? 1 : 0);
    }

    /**
     * The engine's meters: held-back candidates by reason, audit records, and the memory of the model this instance
     * scores with (the same whole model training holds; hard_limit means it evicts).
     */
    void bind(io.netrare.scoring.BucketEngine engine, String jobId) {
        for (String reason : SUPPRESSION_REASONS) {
            io.micrometer.core.instrument.FunctionCounter.builder(Metrics.name(SERVICE, "suppressed"), engine,
                            e -> e.suppressions().getOrDefault(reason, 0L))
                    .tag("reason", reason)
                    .description("candidates rare on their host that the model held back, by reason (owned entities)")
                    .register(registry);
        }
        io.micrometer.core.instrument.FunctionCounter.builder(Metrics.name(SERVICE, "audit_records"), engine,
                        io.netrare.scoring.BucketEngine::auditRecords)
                .description("audit records of held-back candidates written (suppressed_by set, record score 0)")
                .register(registry);
        Gauge.builder(Metrics.name(SERVICE, "model_memory_status"), engine, e -> e.model().memoryStatus().ordinal())
                .tag("job", jobId).description("memory status of the model scoring uses: 0 ok, 1 soft_limit, 2 hard_limit")
                .register(registry);
        Gauge.builder(Metrics.name(SERVICE, "model_entities"), engine, e -> e.model().entityCount())
                .tag("job", jobId).description("entities the model scoring uses holds").register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder(Metrics.name(SERVICE, "model_evictions"), engine,
                        e -> e.model().evictions())
                .tag("job", jobId).description("entities the model scoring uses evicted at its cap").register(registry);
    }
}
