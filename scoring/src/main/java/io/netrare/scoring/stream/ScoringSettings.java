package io.netrare.scoring.stream;

import io.netrare.scoring.EngineConfig;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * The {@code scoring:} section.
 *
 * @param interimRecords     write an interim record on the first event of a rare value in an open bucket
 * @param shareTimeout       how long a bucket that some training shares have closed waits for the others
 *                           before it is scored without them (each such bucket is counted)
 * @param restoreTimeout     how long reading the models topic at start may take
 * @param maxInfluencerValues values kept per influencer field per record
 * @param maxExampleEvents   example events kept per record
 * @param minRenormalizationChange a record is re-emitted when its score moved at least this much
 * @param warmUp             records scored before the model has learned this much history are marked warming_up
 * @param auditSuppressedPerBucket the strongest held-back candidates written per bucket as audit records
 * @param snapshotEveryBuckets every this many scored buckets, the scoring state is written to the scoring
 *                           snapshots topic, so that a restart reads one snapshot plus the deltas after it
 */
public record ScoringSettings(boolean interimRecords, Duration shareTimeout, Duration restoreTimeout,
                              int maxInfluencerValues, int maxExampleEvents, double minRenormalizationChange,
                              Duration warmUp, int auditSuppressedPerBucket, int snapshotEveryBuckets) {

    public ScoringSettings {
        requireNonNull(shareTimeout, "share_timeout is null");
        requireNonNull(restoreTimeout, "restore_timeout is null");
        if (shareTimeout.isNegative() || shareTimeout.isZero()) {
            throw new IllegalArgumentException("share_timeout must be positive");
        }
        requireNonNull(warmUp, "warm_up is null");
        if (warmUp.isNegative() || auditSuppressedPerBucket < 0) {
            throw new IllegalArgumentException("warm_up and audit_suppressed_per_bucket must not be negative");
        }
        if (snapshotEveryBuckets < 1) {
            throw new IllegalArgumentException("snapshot_every_buckets must be at least 1");
        }
        if (maxInfluencerValues < 1 || maxExampleEvents < 0 || minRenormalizationChange < 0) {
            throw new IllegalArgumentException("max_influencer_values must be >= 1, max_example_events and "
                    + "min_renormalization_change >= 0");
        }
    }

    public static ScoringSettings defaults() {
        EngineConfig e = EngineConfig.defaults();
        return new ScoringSettings(true, Duration.ofMinutes(5), Duration.ofMinutes(2), e.maxInfluencerValues(),
                e.maxExampleEvents(), e.minRenormalizationChange(), e.warmUp(), e.auditSuppressedPerBucket(), 16);
    }

    public ScoringSettings withWarmUp(Duration value) {
        return new ScoringSettings(interimRecords, shareTimeout, restoreTimeout, maxInfluencerValues, maxExampleEvents,
                minRenormalizationChange, value, auditSuppressedPerBucket, snapshotEveryBuckets);
    }

    public ScoringSettings withSnapshotEveryBuckets(int value) {
        return new ScoringSettings(interimRecords, shareTimeout, restoreTimeout, maxInfluencerValues, maxExampleEvents,
                minRenormalizationChange, warmUp, auditSuppressedPerBucket, value);
    }

    /** The engine settings; buckets are closed by the training shares, so latency and idle time do not apply. */
    public EngineConfig engineConfig() {
        EngineConfig d = EngineConfig.defaults();
        return new EngineConfig(d.latency(), d.idleTimeout(), maxInfluencerValues, maxExampleEvents, interimRecords,
                null, minRenormalizationChange, d.renormalizeEveryBuckets(), warmUp, auditSuppressedPerBucket);
    }
}
