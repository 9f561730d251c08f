package io.netrare.scoring;

import io.netrare.runtime.bucket.EventTimeBuckets;
import io.netrare.runtime.bucket.SharePosition;
import io.netrare.runtime.bucket.ShareJoin;
import io.netrare.schema.NetworkEvent;
import io.netrare.schema.spi.EntityKey;
import io.netrare.schema.spi.JobSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.ToIntFunction;

import static java.util.Objects.requireNonNull;

/**
 * The scoring side's event-time buckets: the input split into shares as the events topic splits it (by
 * entity), each share's buckets in an {@link EventTimeBuckets} (the same component the training service
 * closes buckets with), and a {@link ShareJoin} that hands out a bucket once every share has closed it.
 * With the shares of the events topic, the offline engine therefore places every event and closes every
 * bucket exactly as training does in the pipeline. The streaming scorer uses one share and closes buckets
 * from outside ({@link #take}). Not thread-safe.
 */
public final class BucketAccumulator {

    /** What became of one event. */
    public enum Placement { NEW_ENTITY, KNOWN_ENTITY, LATE }

    private final JobSpec job;
    private final EngineConfig config;
    private final ToIntFunction<EntityKey> shareOf;
    private final List<EventTimeBuckets<OpenBucket>> shares = new ArrayList<>();
    private final long[] positions;
    private final ShareJoin<OpenBucket> join;
    /** The job's influencers that events carry (an unknown field simply has no values). */
    private final List<EntityActivityBuilder.Influencer> influencers;
    private long lastTaken = Long.MIN_VALUE;
    private long lastArrival = Long.MIN_VALUE;

    /**
     * @param shareCount how many shares the input is split into (partitions of the events topic)
     * @param shareOf    the share of an entity, in [0, shareCount)
     */
    public BucketAccumulator(JobSpec job, EngineConfig config, int shareCount, ToIntFunction<EntityKey> shareOf) {
        this.job = requireNonNull(job, "job is null");
        this.config = requireNonNull(config, "config is null");
        this.shareOf = requireNonNull(shareOf, "shareOf is null");
        if (shareCount < 1) {
            throw new IllegalArgumentException("shares must be at least 1, was " + shareCount);
        }
        for (int i = 0; i < shareCount; i++) {
            shares.add(new EventTimeBuckets<>(job.bucketSpanMillis(), config.latency().toMillis(), OpenBucket::new,
                    SharePosition.START));
        }
        this.positions = new long[shareCount];
        this.join = new ShareJoin<>(shareCount);
        this.influencers = EntityActivityBuilder.Influencer.of(job.influencers().stream().filter(NetworkEvent::hasField).toList());
    }

    /** The share an entity's events go to. */
    int shareOf(EntityKey key) {
        int share = shareOf.applyAsInt(key);
        if (share < 0 || share >= shares.size()) {
            throw new IllegalStateException("share " + share + " of " + key + " is outside [0, " + shares.size() + ")");
        }
        return share;
    }

    /**
     * Adds an event of entity {@code key} (read from it by the caller) to its share's bucket, unless that bucket has
     * already closed (late). {@code nowMillis} is the wall-clock arrival time (for idle close).
     */
    public Placement add(NetworkEvent event, EntityKey key, long nowMillis) {
        return add(event, () -> event, key, nowMillis);
    }

    /** As {@link #add(NetworkEvent, EntityKey, long)}, for an event read with some fields only: see {@link BucketEngine#collect}. */
    public Placement add(NetworkEvent event, java.util.function.Supplier<NetworkEvent> whole, EntityKey key, long nowMillis) {
        int share = shareOf(key);
        EventTimeBuckets<OpenBucket> buckets = shares.get(share);
        lastArrival = Math.max(lastArrival, nowMillis);
        EventTimeBuckets.Placed<OpenBucket> placed = buckets.add(event.timestamp().toEpochMilli(), positions[share]++);
        if (placed.placement() != EventTimeBuckets.Placement.ADDED) {
            return Placement.LATE;
        }
        EntityActivityBuilder entity = placed.bucket().entities.get(key);
        boolean isNew = entity == null;
        if (isNew) {
            entity = new EntityActivityBuilder();
            placed.bucket().entities.put(key, entity);
        }
        entity.add(event, whole, influencers, config.maxInfluencerValues(), config.maxExampleEvents());
        return isNew ? Placement.NEW_ENTITY : Placement.KNOWN_ENTITY;
    }

    EntityActivityBuilder entity(long start, EntityKey key) {
        OpenBucket b = shares.get(shareOf(key)).bucket(start);
        return b == null ? null : b.entities.get(key);
    }

    /** The buckets, oldest first, that the watermark of the entity's share and every other share have closed. */
    List<OpenBucket> closeByWatermark(EntityKey key) {
        int share = shareOf(key);
        return joined(share, shares.get(share).closeByWatermark());
    }

    /**
     * With no event for the idle timeout, closes by wall clock in every share the open buckets whose end
     * plus the latency has passed, as an idle training instance does.
     */
    List<OpenBucket> closeIdle(long nowMillis) {
        if (lastArrival != Long.MIN_VALUE && nowMillis - lastArrival < config.idleTimeout().toMillis()) {
            return List.of();
        }
        List<OpenBucket> out = new ArrayList<>();
        for (int s = 0; s < shares.size(); s++) {
            out.addAll(joined(s, shares.get(s).closeIdle(nowMillis)));
        }
        // an idle share with nothing of its own follows the others, as an idle training share does
        long furthest = Long.MIN_VALUE;
        for (EventTimeBuckets<OpenBucket> b : shares) {
            furthest = Math.max(furthest, b.lastClosed());
        }
        for (int s = 0; s < shares.size(); s++) {
            EventTimeBuckets<OpenBucket> b = shares.get(s);
            if (!b.hasOpenBuckets() && b.lastClosed() < furthest) {
                out.addAll(joined(s, b.closeUpTo(furthest + job.bucketSpanMillis())));
            }
        }
        return out;
    }

    /** Every open bucket of every share (end of input). */
    List<OpenBucket> closeAll() {
        List<OpenBucket> out = new ArrayList<>();
        for (int s = 0; s < shares.size(); s++) {
            out.addAll(joined(s, shares.get(s).closeAll()));
        }
        for (ShareJoin.Complete<OpenBucket> c : join.takeAll()) {
            out.add(merge(c));
        }
        return out;
    }

    private List<OpenBucket> joined(int share, List<EventTimeBuckets.Closed<OpenBucket>> closed) {
        for (EventTimeBuckets.Closed<OpenBucket> c : closed) {
            join.add(share, c.start(), c.bucket());
        }
        join.closed(share, shares.get(share).lastClosed());
        List<OpenBucket> out = new ArrayList<>();
        for (ShareJoin.Complete<OpenBucket> c : join.takeComplete()) {
            out.add(merge(c));
        }
        return out;
    }

    /** One fleet-wide bucket from the shares' (entities are disjoint across shares). */
    private static OpenBucket merge(ShareJoin.Complete<OpenBucket> complete) {
        if (complete.byShare().size() == 1) {
            return complete.byShare().values().iterator().next();
        }
        OpenBucket merged = new OpenBucket(complete.start());
        complete.byShare().values().forEach(b -> merged.entities.putAll(b.entities));
        return merged;
    }

    /** The last bucket closed in every share, or {@link Long#MIN_VALUE}. */
    public long lastClosedBucket() {
        long min = Long.MAX_VALUE;
        for (EventTimeBuckets<OpenBucket> b : shares) {
            min = Math.min(min, b.lastClosed());
        }
        return Math.max(min, lastTaken);
    }

    /**
     * Removes a bucket closed from outside (streaming scoring: every training share has closed it); buckets
     * are taken in order, so this closes every earlier one too. Returns what the bucket held, or null.
     */
    public OpenBucket take(long start) {
        lastTaken = Math.max(lastTaken, start);
        OpenBucket taken = null;
        for (EventTimeBuckets<OpenBucket> b : shares) {
            OpenBucket own = b.bucket(start);
            for (EventTimeBuckets.Closed<OpenBucket> c : b.closeUpTo(start + job.bucketSpanMillis())) {
                if (c.start() == start) {
                    taken = own;
                }
            }
        }
        return taken;
    }

    /** The earliest bucket still open in any share, if any. */
    public OptionalLong earliestOpen() {
        long earliest = Long.MAX_VALUE;
        for (EventTimeBuckets<OpenBucket> b : shares) {
            if (b.hasOpenBuckets()) {
                earliest = Math.min(earliest, b.earliestOpen());
            }
        }
        return earliest == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(earliest);
    }
}
