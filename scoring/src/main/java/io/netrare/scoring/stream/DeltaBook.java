package io.netrare.scoring.stream;

import io.netrare.schema.Json;
import io.netrare.schema.ModelSnapshot;
import io.netrare.schema.spi.BucketObservation;
import io.netrare.schema.spi.ShareDelta;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import static java.util.Objects.requireNonNull;

/**
 * What the scoring service knows of the training shares: every bucket delta and how far each share has
 * closed. A bucket is complete when every share has closed it; its observation is the union of the shares'
 * deltas (a share without a delta had nothing in it). Messages arrive on the reader's thread through
 * {@link #offer}; everything else runs on the loop's thread.
 */
final class DeltaBook {

    private final String jobId;
    private final ConcurrentLinkedQueue<ModelSnapshot> inbox = new ConcurrentLinkedQueue<>();
    private final TreeMap<Long, Map<Integer, ShareDelta>> deltas = new TreeMap<>();
    private final Map<Integer, Long> closedUpTo = new HashMap<>();
    private int shares;

    DeltaBook(String jobId) {
        this.jobId = requireNonNull(jobId, "jobId is null");
    }

    /** From the models-topic reader's thread. */
    void offer(ModelSnapshot snapshot) {
        if (snapshot.jobId().equals(jobId)) {
            inbox.add(snapshot);
        }
    }

    /** Moves what arrived into the book; returns how many messages. */
    int drain() {
        int n = 0;
        for (ModelSnapshot s; (s = inbox.poll()) != null; n++) {
            shares = Math.max(shares, s.partitions());
            closedUpTo.merge(s.modelPartition(), s.bucket(), Math::max);
            if (s.isDelta()) {
                deltas.computeIfAbsent(s.bucket(), b -> new TreeMap<>())
                        .put(s.modelPartition(), Json.mapper().convertValue(s.state(), ShareDelta.class));
            }
        }
        return n;
    }

    /** Shares of the model (partitions of the events topic), 0 until a share has published. */
    int shares() {
        return shares;
    }

    /** True when every share has closed the bucket. */
    boolean complete(long bucket) {
        if (shares == 0 || closedUpTo.size() < shares) {
            return false;
        }
        for (long upTo : closedUpTo.values()) {
            if (upTo < bucket) {
                return false;
            }
        }
        return true;
    }

    /** True when at least one share has closed the bucket (used for the share timeout). */
    boolean started(long bucket) {
        return closedUpTo.values().stream().anyMatch(upTo -> upTo >= bucket);
    }

    /** The earliest bucket with a delta after {@code after}. */
    OptionalLong nextDeltaBucket(long after) {
        Long next = deltas.higherKey(after);
        return next == null ? OptionalLong.empty() : OptionalLong.of(next);
    }

    /** The union of every share's delta for a bucket. */
    BucketObservation observation(long bucket) {
        Map<Integer, ShareDelta> byShare = deltas.getOrDefault(bucket, Map.of());
        return ShareDelta.union(bucket, new ArrayList<>(byShare.values()));
    }

    /** Where the share's training consumer stood when it closed the bucket, or 0 when it had nothing in it. */
    long sourcePosition(long bucket, int share) {
        ShareDelta d = deltas.getOrDefault(bucket, Map.of()).get(share);
        return d == null ? 0 : d.sourcePosition();
    }

    /** Forgets buckets up to and including {@code bucket}, once scored. */
    void forget(long bucket) {
        deltas.headMap(bucket, true).clear();
    }

    List<Long> bucketsWithDeltas() {
        return List.copyOf(deltas.keySet());
    }
}
