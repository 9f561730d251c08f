package io.netrare.scoring.stream;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;

import java.util.TreeMap;

/**
 * The scoring service's progress in one events partition: how far it has read, the last bucket whose
 * records it has written, and where the events of still-open buckets begin. The committed offset and its
 * metadata ({@code scored=<bucket>;pos=<position>}) carry exactly this across restarts and rebalances.
 */
final class PartitionProgress {

    private static final String SCORED = "scored=";
    private static final String POS = ";pos=";

    long position;
    long scoredUpTo = Long.MIN_VALUE;
    /** Events before this position were read before the last commit: replays, not news. */
    long replayUntil;
    private final TreeMap<Long, Long> firstOffsetOfBucket = new TreeMap<>();

    static PartitionProgress fromCommitted(OffsetAndMetadata committed) {
        PartitionProgress p = new PartitionProgress();
        if (committed != null && committed.metadata() != null && committed.metadata().startsWith(SCORED)) {
            String m = committed.metadata();
            int at = m.indexOf(POS);
            p.scoredUpTo = Long.parseLong(m.substring(SCORED.length(), at));
            p.replayUntil = Long.parseLong(m.substring(at + POS.length()));
        }
        return p;
    }

    void read(long offset, long bucket) {
        position = Math.max(position, offset + 1);
        firstOffsetOfBucket.merge(bucket, offset, Math::min);
    }

    void scored(long bucket) {
        scoredUpTo = Math.max(scoredUpTo, bucket);
        firstOffsetOfBucket.headMap(bucket, true).clear();
    }

    OffsetAndMetadata committable() {
        long offset = position;
        for (long first : firstOffsetOfBucket.values()) {
            offset = Math.min(offset, first);
        }
        return new OffsetAndMetadata(offset, SCORED + scoredUpTo + POS + position);
    }
}
