package io.netrare.scoring;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * Settings of the bucket engine.
 *
 * @param latency                 the watermark trails the latest event time by this much (Elastic's datafeed query_delay role)
 * @param idleTimeout             with no event for this long (wall clock), buckets close by wall clock
 * @param maxInfluencerValues     values kept per influencer field per record
 * @param maxExampleEvents        example events kept per record
 * @param interimRecords          whether to emit interim records for rare values in open buckets
 * @param renormalizationWindow   how far back records are renormalized; null = max(30 days, 100 buckets) as Elastic
 * @param minRenormalizationChange a record is re-emitted when its score moved at least this much
 * @param renormalizeEveryBuckets  renormalize after this many closed buckets (and at end of input); Elastic
 *                                 likewise renormalizes when the process publishes new quantiles, not per bucket
 * @param warmUp                  records scored before the model has learned this much history are marked
 *                                {@code warming_up} (the default alert rule does not alert on them); zero: never
 * @param auditSuppressedPerBucket the strongest candidates held back in a bucket (rare on a host, excused by a
 *                                 model's peers, cadence or base-system view) written as audit records with their
 *                                 {@code suppressed_by} reason and record score 0; 0 writes none
 */
public record EngineConfig(Duration latency, Duration idleTimeout, int maxInfluencerValues, int maxExampleEvents,
                           boolean interimRecords, Duration renormalizationWindow, double minRenormalizationChange,
                           int renormalizeEveryBuckets, Duration warmUp, int auditSuppressedPerBucket) {

    /** The default warm-up: a day of history, as a user starts an Elastic job on past data. */
    public static final Duration DEFAULT_WARM_UP = Duration.ofDays(1);
    public static final int DEFAULT_AUDIT_SUPPRESSED = 3;

    public EngineConfig {
        requireNonNull(latency, "latency is null");
        requireNonNull(idleTimeout, "idleTimeout is null");
        requireNonNull(warmUp, "warmUp is null");
        if (latency.isNegative() || maxInfluencerValues < 1 || maxExampleEvents < 0 || minRenormalizationChange < 0
                || renormalizeEveryBuckets < 1 || warmUp.isNegative() || auditSuppressedPerBucket < 0) {
            throw new IllegalArgumentException("invalid engine config " + this);
        }
    }

    public static EngineConfig defaults() {
        return new EngineConfig(Duration.ofSeconds(60), Duration.ofMinutes(2), 10, 3, true, null, 1.0, 4,
                DEFAULT_WARM_UP, DEFAULT_AUDIT_SUPPRESSED);
    }

    /** Settings as before warm-up marking and suppression audit existed (no warm-up, no audit records). */
    public EngineConfig(Duration latency, Duration idleTimeout, int maxInfluencerValues, int maxExampleEvents,
                        boolean interimRecords, Duration renormalizationWindow, double minRenormalizationChange,
                        int renormalizeEveryBuckets) {
        this(latency, idleTimeout, maxInfluencerValues, maxExampleEvents, interimRecords, renormalizationWindow,
                minRenormalizationChange, renormalizeEveryBuckets, Duration.ZERO, 0);
    }

    public EngineConfig withWarmUp(Duration value) {
        return new EngineConfig(latency, idleTimeout, maxInfluencerValues, maxExampleEvents, interimRecords,
                renormalizationWindow, minRenormalizationChange, renormalizeEveryBuckets, value, auditSuppressedPerBucket);
    }

    public EngineConfig withAuditSuppressed(int perBucket) {
        return new EngineConfig(latency, idleTimeout, maxInfluencerValues, maxExampleEvents, interimRecords,
                renormalizationWindow, minRenormalizationChange, renormalizeEveryBuckets, warmUp, perBucket);
    }

    public EngineConfig withInterim(boolean on) {
        return new EngineConfig(latency, idleTimeout, maxInfluencerValues, maxExampleEvents, on,
                renormalizationWindow, minRenormalizationChange, renormalizeEveryBuckets, warmUp, auditSuppressedPerBucket);
    }

    public EngineConfig withMinRenormalizationChange(double change) {
        return new EngineConfig(latency, idleTimeout, maxInfluencerValues, maxExampleEvents, interimRecords,
                renormalizationWindow, change, renormalizeEveryBuckets, warmUp, auditSuppressedPerBucket);
    }

    /** The renormalization window for a bucket span: the configured one, or max(30 days, 100 buckets). */
    public Duration renormalizationWindow(Duration bucketSpan) {
        if (renormalizationWindow != null) {
            return renormalizationWindow;
        }
        Duration hundred = bucketSpan.multipliedBy(100);
        Duration month = Duration.ofDays(30);
        return hundred.compareTo(month) > 0 ? hundred : month;
    }
}
