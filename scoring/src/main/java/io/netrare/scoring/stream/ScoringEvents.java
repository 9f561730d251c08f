package io.netrare.scoring.stream;

/** What the scoring share protocol reports as it runs; the service counts it in its metrics. */
public interface ScoringEvents {

    /** Reports nothing. */
    ScoringEvents NONE = new ScoringEvents() {
    };

    /** An interim record written, {@code millis} after its event was produced. */
    default void interimRecord(long millis) {
    }

    default void finalRecord() {
    }

    default void renormalizedRecord() {
    }

    /** An event whose bucket was already scored. */
    default void late() {
    }

    /** An event of a scored bucket read again after a restart. */
    default void replayed() {
    }

    /** A bucket scored without every training share, after the share timeout. */
    default void shareTimeout() {
    }

    /** The model has learned up to {@code bucket} (scored, or rebuilt after a restart). */
    default void modelBucket(long bucket) {
    }

    /** A bucket scored, {@code lagSeconds} after its end by the wall clock. */
    default void bucketScored(long bucket, long lagSeconds) {
    }

    /**
     * A closed bucket learned and scored (records built) in {@code wallNanos}, of which {@code cpuNanos} on the
     * scoring thread's CPU ({@code -1} when the JVM does not measure thread CPU time).
     */
    default void bucketLearnedAndScored(long wallNanos, long cpuNanos) {
    }

    /** Whether owned events wait in buckets not yet scored. */
    default void openBuckets(boolean any) {
    }

    /** The scoring state after {@code bucket} taken, to be written to the scoring snapshots topic. */
    default void snapshotTaken(long bucket) {
    }

    /**
     * A restart rebuilt from the deltas after {@code snapshotBucket}, restored from a scoring snapshot, and
     * {@code replayedBuckets} buckets of deltas after it ({@code snapshotBucket} is {@link Long#MIN_VALUE} for a full
     * replay).
     */
    default void restored(long snapshotBucket, int replayedBuckets) {
    }

    /**
     * A restart could not use the scoring snapshots there are and rebuilds from the deltas: {@code unreadable} (a
     * snapshot did not decode or restore) or {@code ahead} (every snapshot is past the bucket to resume from).
     */
    default void snapshotFallback(String reason) {
    }
}
