package io.netrare.scoring.stream;

import java.util.TreeMap;

/**
 * The scoring service's progress in one events partition: how far it has read, the last bucket whose
 * records it has written, and where the events of still-open buckets begin. A {@link ScoredPosition} in
 * the commit carries exactly this across restarts and rebalances.
 */
public final class PartitionProgress {

    /** What to commit: the offset to resume from and the position metadata. */
    public record Commit(long offset, ScoredPosition position) {
    }

    long position;
    long scoredUpTo;
    /** Events before this position were read before the last commit: replays, not news. */
    final long replayUntil;
    private final TreeMap<Long, Long> firstOffsetOfBucket = new TreeMap<>();
    /** The last commit handed out for the partition, or null. */
    Commit lastCommitted;

    PartitionProgress(ScoredPosition committed) {
        this.scoredUpTo = committed.scoredUpTo();
        this.replayUntil = committed.position();
    }

    /** The bucket and offset of the last {@link #read}: the events of a record share its offset, and mostly its bucket. */
    private long lastBucket = Long.MIN_VALUE;
    private long lastOffset = Long.MAX_VALUE;

    void read(long offset, long bucket) {
        position = Math.max(position, offset + 1);
        if (bucket == lastBucket && offset >= lastOffset) {
            return; // the bucket already holds an offset at or before this one
        }
        firstOffsetOfBucket.merge(bucket, offset, Math::min);
        lastBucket = bucket;
        lastOffset = offset;
    }

    void scored(long bucket) {
        scoredUpTo = Math.max(scoredUpTo, bucket);
        firstOffsetOfBucket.headMap(bucket, true).clear();
        lastBucket = Long.MIN_VALUE; // its entry may be gone
    }

    /**
     * True when the partition has something to commit: it has read events, or (never read, nothing committed before)
     * this instance has scored buckets for it — an empty partition still says how far it was scored, so that its
     * snapshot and commit exist like any other's.
     */
    boolean commits() {
        return position > 0 || (replayUntil == 0 && scoredUpTo != Long.MIN_VALUE);
    }

    Commit committable() {
        long offset = position;
        for (long first : firstOffsetOfBucket.values()) {
            offset = Math.min(offset, first);
        }
        return new Commit(offset, new ScoredPosition(scoredUpTo, Math.max(position, replayUntil)));
    }
}
