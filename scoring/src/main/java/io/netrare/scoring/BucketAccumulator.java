package io.netrare.scoring;

import io.netrare.schema.NetworkEvent;
import io.netrare.schema.spi.EntityKey;
import io.netrare.schema.spi.JobSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * Groups events into event-time buckets and says which buckets the watermark (max event time - latency) has
 * closed. Both the training side (learn what closed) and the scoring side (score what closed) use it.
 * Not thread-safe.
 */
public final class BucketAccumulator {

    /** What became of one event. */
    public enum Placement { NEW_ENTITY, KNOWN_ENTITY, LATE, NO_ENTITY }

    private final JobSpec job;
    private final EngineConfig config;
    private final TreeMap<Long, OpenBucket> open = new TreeMap<>();
    /** The job's influencers that events carry (an unknown field simply has no values). */
    private final List<String> influencerFields;
    private long maxEventTime = Long.MIN_VALUE;
    private long lastClosed = Long.MIN_VALUE;

    public BucketAccumulator(JobSpec job, EngineConfig config) {
        this.job = requireNonNull(job, "job is null");
        this.config = requireNonNull(config, "config is null");
        this.influencerFields = job.influencers().stream().filter(NetworkEvent::hasField).toList();
    }

    /** Adds an event to its bucket, unless that bucket has already closed (late) or it has no entity. */
    public Placement add(NetworkEvent event) {
        EntityKey key = job.entityKey(event);
        if (key == null) {
            return Placement.NO_ENTITY;
        }
        long start = job.bucketStart(event.timestamp());
        if (lastClosed != Long.MIN_VALUE && start <= lastClosed) {
            return Placement.LATE;
        }
        maxEventTime = Math.max(maxEventTime, event.timestamp().toEpochMilli());
        EntityActivityBuilder entity = open.computeIfAbsent(start, OpenBucket::new).entities.get(key);
        boolean isNew = entity == null;
        if (isNew) {
            entity = new EntityActivityBuilder();
            open.get(start).entities.put(key, entity);
        }
        entity.add(event, influencerFields, config.maxInfluencerValues(), config.maxExampleEvents());
        return isNew ? Placement.NEW_ENTITY : Placement.KNOWN_ENTITY;
    }

    public OpenBucket bucket(long start) {
        return open.get(start);
    }

    EntityActivityBuilder entity(long start, EntityKey key) {
        OpenBucket b = open.get(start);
        return b == null ? null : b.entities.get(key);
    }

    /** The buckets, oldest first, whose end the given watermark has passed; they are removed. */
    public List<OpenBucket> closeUpTo(long watermark) {
        List<OpenBucket> closed = new ArrayList<>();
        while (!open.isEmpty() && open.firstKey() + job.bucketSpanMillis() <= watermark) {
            closed.add(open.pollFirstEntry().getValue());
        }
        // every bucket ending at or before the watermark is closed, whether it held events or not
        lastClosed = Math.max(lastClosed, job.bucketStart(watermark) - job.bucketSpanMillis());
        return closed;
    }

    /** Buckets the event-time watermark has passed. */
    public List<OpenBucket> closeByWatermark() {
        return maxEventTime == Long.MIN_VALUE ? List.of() : closeUpTo(maxEventTime - config.latency().toMillis());
    }

    /** Every open bucket (end of input). */
    public List<OpenBucket> closeAll() {
        if (open.isEmpty()) {
            return List.of();
        }
        long watermark = open.lastKey() + job.bucketSpanMillis();
        return closeUpTo(watermark);
    }

    public long maxEventTime() {
        return maxEventTime;
    }

    public long lastClosedBucket() {
        return lastClosed;
    }

    /** Removes a bucket closed from outside (streaming scoring: every training share has closed it). */
    public OpenBucket take(long start) {
        lastClosed = Math.max(lastClosed, start);
        return open.remove(start);
    }

    /** The earliest bucket still open, if any. */
    public java.util.OptionalLong earliestOpen() {
        return open.isEmpty() ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(open.firstKey());
    }
}
