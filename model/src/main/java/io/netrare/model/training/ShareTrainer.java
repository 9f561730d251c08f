package io.netrare.model.training;

import io.netrare.schema.NetworkEvent;
import io.netrare.schema.spi.AnomalyModel;
import io.netrare.schema.spi.BucketObservation;
import io.netrare.schema.spi.EntityKey;
import io.netrare.schema.spi.JobSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * One training share: the model of the entities of one events partition, and the buckets still open in
 * it. Buckets close when the share's own watermark (its latest event time minus the latency) passes their
 * end, so a partition read ahead of another never makes the other's events late. Plain Java, not
 * thread-safe.
 */
final class ShareTrainer {

    /** What became of one event. */
    enum Placement { ADDED, LATE, REPLAYED }

    /** A bucket this share has just closed and learned. */
    record Closed(long bucketStart, BucketObservation observation, long sourcePosition) {
    }

    private static final class OpenBucket {
        final Map<EntityKey, long[]> counts = new HashMap<>();
        final Map<EntityKey, TreeSet<String>> hosts = new HashMap<>();
        long firstOffset = Long.MAX_VALUE;

        BucketObservation observation(long start) {
            TreeMap<EntityKey, BucketObservation.EntityActivity> m = new TreeMap<>();
            counts.forEach((k, c) -> m.put(k, new BucketObservation.EntityActivity(c[0], hosts.get(k))));
            return new BucketObservation(start, m);
        }
    }

    private final int share;
    private final JobSpec job;
    private final AnomalyModel model;
    private final long latencyMillis;
    private final TreeMap<Long, OpenBucket> open = new TreeMap<>();
    private long lastClosed;
    private long maxEventTime = Long.MIN_VALUE;
    private long position;
    private final long replayUntil;

    /**
     * @param lastClosed  the last bucket this share closed before (restored), or {@link Long#MIN_VALUE}
     * @param replayUntil the position consumed before the last commit: events before it were seen already
     */
    ShareTrainer(int share, JobSpec job, AnomalyModel model, long latencyMillis, long lastClosed, long replayUntil) {
        this.share = share;
        this.job = requireNonNull(job, "job is null");
        this.model = requireNonNull(model, "model is null");
        this.latencyMillis = latencyMillis;
        this.lastClosed = lastClosed;
        this.replayUntil = replayUntil;
    }

    int share() {
        return share;
    }

    AnomalyModel model() {
        return model;
    }

    long lastClosed() {
        return lastClosed;
    }

    long position() {
        return position;
    }

    void advanceTo(long newPosition) {
        position = Math.max(position, newPosition);
    }

    boolean hasOpenBuckets() {
        return !open.isEmpty();
    }

    long maxEventTime() {
        return maxEventTime;
    }

    /** Adds an event read at {@code offset}; events of closed buckets are late, or replays after a restart. */
    Placement add(NetworkEvent event, EntityKey key, long offset) {
        position = Math.max(position, offset + 1);
        long start = job.bucketStart(event.timestamp());
        if (lastClosed != Long.MIN_VALUE && start <= lastClosed) {
            return offset < replayUntil ? Placement.REPLAYED : Placement.LATE;
        }
        maxEventTime = Math.max(maxEventTime, event.timestamp().toEpochMilli());
        OpenBucket bucket = open.computeIfAbsent(start, s -> new OpenBucket());
        bucket.firstOffset = Math.min(bucket.firstOffset, offset);
        bucket.counts.computeIfAbsent(key, k -> new long[1])[0] += event.count();
        String host = event.host().name();
        TreeSet<String> hosts = bucket.hosts.computeIfAbsent(key, k -> new TreeSet<>());
        if (host != null) {
            hosts.add(host);
        }
        return Placement.ADDED;
    }

    /** Closes and learns the buckets the share's watermark has passed. */
    List<Closed> closeByWatermark() {
        return maxEventTime == Long.MIN_VALUE ? List.of() : closeUpTo(maxEventTime - latencyMillis);
    }

    /** Closes and learns every open bucket (idle input, end of a replay). */
    List<Closed> closeAll() {
        return open.isEmpty() ? List.of() : closeUpTo(open.lastKey() + job.bucketSpanMillis());
    }

    /**
     * Closes every bucket ending at or before {@code watermark}, learning those that held events, in order.
     * A share with no events still advances, so the scoring service knows it has nothing for those buckets.
     */
    List<Closed> closeUpTo(long watermark) {
        List<Closed> closed = new ArrayList<>();
        while (!open.isEmpty() && open.firstKey() + job.bucketSpanMillis() <= watermark) {
            Map.Entry<Long, OpenBucket> e = open.pollFirstEntry();
            BucketObservation observation = e.getValue().observation(e.getKey());
            model.learn(observation);
            closed.add(new Closed(e.getKey(), observation, position));
        }
        long newLastClosed = job.bucketStart(watermark) - job.bucketSpanMillis();
        if (lastClosed == Long.MIN_VALUE || newLastClosed > lastClosed) {
            lastClosed = newLastClosed;
        }
        return closed;
    }

    /** The offset to commit: the first event of a bucket still open, so a restart reads those again. */
    long committableOffset() {
        long first = position;
        for (OpenBucket b : open.values()) {
            first = Math.min(first, b.firstOffset);
        }
        return first;
    }
}
