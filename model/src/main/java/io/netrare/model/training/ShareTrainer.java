package io.netrare.model.training;

import io.netrare.runtime.bucket.EventTimeBuckets;
import io.netrare.runtime.bucket.SharePosition;
import io.netrare.schema.NetworkEvent;
import io.netrare.schema.spi.AnomalyModel;
import io.netrare.schema.spi.BucketObservation;
import io.netrare.schema.spi.EntityKey;
import io.netrare.schema.spi.JobSpec;
import io.netrare.schema.spi.ShareDelta;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * One training share: the model of the entities of one events partition, and its buckets
 * ({@link EventTimeBuckets}: watermark, idle close, late events). Every bucket that closes becomes a delta, and the
 * model learns the delta as published, so that a model rebuilt from the deltas (by scoring, or by a restore) learns
 * exactly what this one did. Plain Java, not thread-safe.
 */
final class ShareTrainer {

    /** A bucket this share has just closed and learned, and its delta. */
    record Closed(long bucketStart, ShareDelta delta) {
    }

    /** One entity's events in an open bucket. */
    private static final class Activity {
        long count;
        final HashSet<String> hosts = new HashSet<>();
        /** The host added last: events of one host come in runs, and decoding hands out the same String for it. */
        String lastHost;
    }

    private static final class OpenBucket {
        final Map<EntityKey, Activity> entities = new HashMap<>();

        BucketObservation observation(long start) {
            TreeMap<EntityKey, BucketObservation.EntityActivity> m = new TreeMap<>();
            entities.forEach((k, a) -> m.put(k, new BucketObservation.EntityActivity(a.count, a.hosts)));
            return new BucketObservation(start, m);
        }
    }

    private final int share;
    private final AnomalyModel model;
    private final EventTimeBuckets<OpenBucket> buckets;
    private final int deltaHosts;

    // what the share has published and committed, kept by TrainingShares
    /** The version of the share's last message on the models topic. */
    long version;
    /** The last bucket the share's messages say it has closed. */
    long announced;
    /** Buckets closed and published as deltas since the share's last snapshot. */
    int closedSinceSnapshot;
    /** The last commit handed out for the share, or null. */
    TrainingShares.Commit lastCommitted;
    /** The bucket of the share's latest snapshot on the models topic, or {@link Long#MIN_VALUE}. */
    long lastSnapshot = Long.MIN_VALUE;
    /** The keys of the share's deltas on the models topic, by bucket. */
    final TreeMap<Long, List<String>> storedDeltas = new TreeMap<>();

    /**
     * @param lastClosed the last bucket the share's published model covers (snapshot and deltas), or
     *                   {@link Long#MIN_VALUE}
     * @param committed  the share's last commit
     * @param deltaHosts the hosts of an entity a delta lists ({@link Integer#MAX_VALUE}: all)
     */
    ShareTrainer(int share, JobSpec job, AnomalyModel model, long latencyMillis, long lastClosed,
                 SharePosition committed, int deltaHosts) {
        this.share = share;
        this.deltaHosts = deltaHosts;
        requireNonNull(job, "job is null");
        this.model = requireNonNull(model, "model is null");
        SharePosition start = new SharePosition(committed.position(), committed.maxEventTime(),
                Math.max(lastClosed, committed.lastClosed()));
        this.buckets = new EventTimeBuckets<>(job.bucketSpanMillis(), latencyMillis, s -> new OpenBucket(), start);
        this.announced = buckets.lastClosed();
    }

    int share() {
        return share;
    }

    AnomalyModel model() {
        return model;
    }

    long lastClosed() {
        return buckets.lastClosed();
    }

    EventTimeBuckets<?> buckets() {
        return buckets;
    }

    void advanceTo(long newPosition) {
        buckets.advanceTo(newPosition);
    }

    /** Adds an event read at {@code offset}; events of closed buckets are late, or replays after a restart. */
    EventTimeBuckets.Placement add(NetworkEvent event, EntityKey key, long offset) {
        EventTimeBuckets.Placed<OpenBucket> placed = buckets.add(event.timestamp().toEpochMilli(), offset);
        if (placed.placement() == EventTimeBuckets.Placement.ADDED) {
            Activity a = placed.bucket().entities.computeIfAbsent(key, k -> new Activity());
            a.count += event.count();
            String host = event.host().name();
            if (host != null && host != a.lastHost) {
                a.hosts.add(host);
                a.lastHost = host;
            }
        }
        return placed.placement();
    }

    /** Closes and learns the buckets the share's watermark has passed. */
    List<Closed> closeByWatermark() {
        return learn(buckets.closeByWatermark());
    }

    /** On idle input, closes and learns the buckets whose end plus the latency is behind the wall clock. */
    List<Closed> closeIdle(long nowMillis) {
        return learn(buckets.closeIdle(nowMillis));
    }

    /** Closes and learns every bucket ending at or before {@code watermark}. */
    List<Closed> closeUpTo(long watermark) {
        return learn(buckets.closeUpTo(watermark));
    }

    private List<Closed> learn(List<EventTimeBuckets.Closed<OpenBucket>> closed) {
        List<Closed> out = new ArrayList<>(closed.size());
        for (EventTimeBuckets.Closed<OpenBucket> c : closed) {
            ShareDelta delta = ShareDelta.of(c.bucket().observation(c.start()), c.sourcePosition(), deltaHosts);
            model.learn(ShareDelta.union(c.start(), List.of(delta)));
            out.add(new Closed(c.start(), delta));
        }
        return out;
    }

    /** The offset to commit: the first event of a bucket still open, so a restart reads those again. */
    long committableOffset() {
        return buckets.committableOffset();
    }

    /** The commit's metadata. */
    SharePosition position() {
        return buckets.position();
    }
}
