package io.netrare.model.training;

import com.fasterxml.jackson.databind.JsonNode;
import io.netrare.runtime.bucket.EventTimeBuckets;
import io.netrare.runtime.bucket.SharePosition;
import io.netrare.schema.Json;
import io.netrare.schema.ModelParts;
import io.netrare.schema.ModelSnapshot;
import io.netrare.schema.NetworkEvent;
import io.netrare.schema.spi.AnomalyModel;
import io.netrare.schema.spi.EntityKey;
import io.netrare.schema.spi.JobSpec;
import io.netrare.schema.spi.ModelProvider;
import io.netrare.schema.spi.ShareDelta;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * The training side of the share protocol, in plain Java: the shares this instance holds, what each
 * closed bucket publishes (a delta, and every few buckets a snapshot; either split into parts when it would not fit
 * a producer request, see {@link ModelParts}), idle close, and the commit position of each share. The Kafka loop
 * (the service's {@code TrainingProcessor}) only feeds it events and ticks and moves what it returns. Not
 * thread-safe, except {@link #models()}.
 */
public final class TrainingShares {

    /** A message for the models topic, with the partition it must go to (all of one share's go to one). */
    public record Publication(int modelPartition, ModelSnapshot snapshot) {
    }

    /** What a share commits: the offset to resume from and the position metadata. */
    public record Commit(long offset, SharePosition position) {
    }

    /** A tombstone for the models topic: deletes the delta under {@code key}. */
    public record Tombstone(int modelPartition, String key) {
    }

    /** What the models topic and the last commit hold for a share being assigned. */
    public record Assignment(ShareHistory.Share stored, SharePosition committed) {
    }

    private final JobSpec job;
    private final ModelProvider provider;
    private final TrainingSettings settings;
    private final Clock clock;
    private final TrainingEvents events;
    private final int maxMessageBytes;
    private final Map<Integer, ShareTrainer> shares = new TreeMap<>();
    private volatile List<AnomalyModel> models = List.of();
    private int partitions;
    private int modelPartitions;
    private long lastArrival;
    /** Snapshots published since deltas were last deleted: with none, nothing new can be deleted. */
    private int snapshotsSinceDeletion;
    /**
     * A deletion round reads the scoring snapshots topic: at most once a minute by the wall clock once one has found every
     * partition's scoring snapshot, so that a fast replay of old events does not read them at every turn, and again
     * after ten seconds when one has not (scoring may just be starting).
     */
    static final long DELETE_EVERY_MILLIS = 60_000;
    static final long DELETE_RETRY_MILLIS = 10_000;
    private long nextDeletion = Long.MIN_VALUE;

    /** With producers of the default {@code max.request.size} (1 MiB). */
    public TrainingShares(JobSpec job, ModelProvider provider, TrainingSettings settings, Clock clock, TrainingEvents events) {
        this(job, provider, settings, clock, events, ModelParts.budget(1_048_576)); // the producer's default
    }

    /**
     * @param maxMessageBytes the largest value of a message on the models topic ({@link ModelParts#budget} of the
     *                        producer's {@code max.request.size}); larger messages are split into parts
     */
    public TrainingShares(JobSpec job, ModelProvider provider, TrainingSettings settings, Clock clock, TrainingEvents events,
                          int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
        this.job = requireNonNull(job, "job is null");
        this.provider = requireNonNull(provider, "provider is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.events = requireNonNull(events, "events is null");
    }

    /** The models of the shares held, for the model meters (read from the scrape thread). */
    public List<AnomalyModel> models() {
        return models;
    }

    /** The shares held, by partition of the events topic. */
    public Collection<Integer> held() {
        return List.copyOf(shares.keySet());
    }

    /**
     * Takes over shares: each restored from its snapshot plus later deltas and its last commit.
     *
     * @param eventPartitions partitions of the events topic (the number of shares)
     * @param modelPartitions partitions of the models topic
     */
    public void assign(int eventPartitions, int modelPartitions, Map<Integer, Assignment> assigned) {
        this.partitions = eventPartitions;
        this.modelPartitions = modelPartitions;
        lastArrival = clock.millis(); // idleness counts from now: a new share has its backlog to read first
        assigned.forEach((share, a) -> {
            shares.put(share, restore(share, a.stored(), a.committed()));
        });
        refreshModels();
    }

    private ShareTrainer restore(int share, ShareHistory.Share stored, SharePosition committed) {
        AnomalyModel model;
        long lastClosed = Long.MIN_VALUE;
        if (stored.snapshot() != null) {
            try {
                ShareState state = Json.mapper().convertValue(stored.snapshot().state(), ShareState.class);
                model = provider.restore(job, state.model());
                lastClosed = state.lastClosed();
            } catch (RuntimeException e) {
                throw new UnrestorableSnapshotException(share, stored.snapshot(), e);
            }
        } else {
            model = provider.create(job);
        }
        for (ModelSnapshot delta : stored.deltasAfter()) {
            ShareDelta d = Json.mapper().convertValue(delta.state(), ShareDelta.class);
            model.learn(ShareDelta.union(delta.bucket(), List.of(d)));
            lastClosed = Math.max(lastClosed, delta.bucket());
        }
        ShareTrainer trainer = new ShareTrainer(share, job, model, settings.latency().toMillis(), lastClosed, committed,
                provider.learnsHosts() ? Integer.MAX_VALUE : settings.deltaExampleHosts());
        trainer.version = stored.lastVersion();
        trainer.lastSnapshot = stored.snapshot() == null ? Long.MIN_VALUE : stored.snapshot().bucket();
        stored.storedDeltas().forEach((bucket, keys) -> trainer.storedDeltas.put(bucket, new java.util.ArrayList<>(keys)));
        return trainer;
    }

    /**
     * A share's latest snapshot does not restore (its state is not the model's): the caller dead-letters it and
     * assigns the share again from its deltas alone.
     */
    public static final class UnrestorableSnapshotException extends RuntimeException {
        private final int share;

        UnrestorableSnapshotException(int share, ModelSnapshot snapshot, RuntimeException cause) {
            super("the snapshot of share " + share + " (version " + snapshot.version() + ") does not restore: " + cause, cause);
            this.share = share;
        }

        public int share() {
            return share;
        }
    }

    public void revoke(Collection<Integer> revoked) {
        for (int share : revoked) {
            shares.remove(share);
        }
        refreshModels();
    }

    private void refreshModels() {
        models = shares.values().stream().map(ShareTrainer::model).toList();
    }

    /**
     * Places an event read at {@code offset} of share {@code share} and closes what the share's watermark
     * passed; publications go to {@code out}. Returns the placement (a late event is the caller's to route).
     *
     * @throws IllegalArgumentException when the event has no entity
     */
    public EventTimeBuckets.Placement place(int share, long offset, NetworkEvent event, List<Publication> out) {
        ShareTrainer trainer = shares.get(share);
        if (trainer == null) {
            throw new IllegalStateException("event of unassigned partition " + share);
        }
        EntityKey key = job.entityKey(event);
        if (key == null) {
            throw new IllegalArgumentException("event has no " + job.byFieldName()
                    + (job.partitionFieldName() == null ? "" : " or " + job.partitionFieldName()));
        }
        lastArrival = clock.millis();
        EventTimeBuckets.Placement placement = trainer.add(event, key, offset);
        switch (placement) {
            case ADDED -> events.learned(event.count());
            case REPLAYED -> events.replayed();
            case LATE -> events.late();
        }
        publish(trainer, trainer.closeByWatermark(), out);
        return placement;
    }

    /**
     * Idle close: once no event has arrived for the idle timeout (in any share this instance holds: a
     * consumer busy with other partitions is not idle), every share closes the open buckets whose end plus
     * the latency the wall clock has passed, and the shares behind catch up with the furthest one, so the
     * scoring service knows they had nothing in those buckets. A bucket still running stays open.
     */
    public void tick(long nowMillis, List<Publication> out) {
        tick(nowMillis, Long.MIN_VALUE, out);
    }

    /**
     * The brokers were away and answer again: idleness counts from now. The producers upstream were cut off
     * too, so the time without events was an outage; closing open buckets for it would make the events still
     * to come late (on a replay, where every bucket's end is past, idle close closes them all).
     */
    public void brokersBack(long nowMillis) {
        lastArrival = Math.max(lastArrival, nowMillis);
    }

    /** True when the input has been idle for the idle timeout and a share has nothing open. */
    public boolean idleWithEmptyShares(long nowMillis) {
        return nowMillis - lastArrival >= settings.idleTimeout().toMillis()
                && shares.values().stream().anyMatch(s -> !s.buckets().hasOpenBuckets());
    }

    /**
     * {@link #tick(long, List)}, with {@code fleetClosed} the last bucket some share anywhere in the fleet has
     * closed (read from the models topic), or {@link Long#MIN_VALUE}: idle shares with nothing open catch up
     * with it too (never past the wall clock minus the latency), so that buckets of shares held by other
     * instances are not held up by this instance's quiet shares.
     */
    public void tick(long nowMillis, long fleetClosed, List<Publication> out) {
        if (nowMillis - lastArrival < settings.idleTimeout().toMillis()) {
            return;
        }
        long newest = Math.min(fleetClosed, job.bucketStart(nowMillis - settings.latency().toMillis()) - job.bucketSpanMillis());
        for (ShareTrainer share : shares.values()) {
            publish(share, share.closeIdle(nowMillis), out);
            if (share.lastClosed() > share.announced) {
                // the share closed buckets past its last delta: the scoring service must see it advance
                publishSnapshot(share, out);
            }
            newest = Math.max(newest, share.lastClosed());
        }
        if (newest == Long.MIN_VALUE) {
            return;
        }
        for (ShareTrainer share : shares.values()) {
            if (share.lastClosed() < newest && !share.buckets().hasOpenBuckets()) {
                share.closeUpTo(newest + job.bucketSpanMillis());
                publishSnapshot(share, out);
            }
        }
    }

    private void publish(ShareTrainer share, List<ShareTrainer.Closed> closed, List<Publication> out) {
        if (closed.isEmpty()) {
            return;
        }
        for (ShareTrainer.Closed c : closed) {
            publish(share, c.bucketStart(), ModelSnapshot.KIND_DELTA, Json.mapper().valueToTree(c.delta()), out);
            share.announced = Math.max(share.announced, c.bucketStart());
            events.deltaPublished(c.bucketStart());
        }
        share.closedSinceSnapshot += closed.size();
        if (share.closedSinceSnapshot >= settings.snapshotEvery()) {
            publishSnapshot(share, out);
        }
    }

    private void publishSnapshot(ShareTrainer share, List<Publication> out) {
        ShareState state = new ShareState(share.lastClosed(), share.model().snapshot());
        publish(share, share.lastClosed(), ModelSnapshot.KIND_SNAPSHOT, Json.mapper().valueToTree(state), out);
        share.announced = Math.max(share.announced, share.lastClosed());
        share.closedSinceSnapshot = 0;
        share.lastSnapshot = Math.max(share.lastSnapshot, share.lastClosed());
        snapshotsSinceDeletion++;
        events.snapshotPublished(clock.millis());
    }

    private void publish(ShareTrainer trainer, long bucket, String kind, JsonNode state, List<Publication> out) {
        int share = trainer.share();
        ModelSnapshot message = new ModelSnapshot(ModelSnapshot.SCHEMA_VERSION, job.jobId(), provider.type(),
                provider.formatVersion(), share, partitions, bucket, ++trainer.version, kind, clock.instant(), state);
        // every message of a share goes to one partition of the models topic, so that a reader that has seen a
        // share's bucket t has seen all its earlier deltas (keys alone would scatter them); the parts of a split
        // message follow one another there, in the same transaction
        List<ModelSnapshot> parts = ModelParts.split(message, maxMessageBytes);
        for (ModelSnapshot part : parts) {
            out.add(new Publication(share % Math.max(1, modelPartitions), part));
            if (message.isDelta()) { // its key (each part's), to delete it once no restart needs it
                trainer.storedDeltas.computeIfAbsent(bucket, b -> new java.util.ArrayList<>()).add(part.kafkaKey());
            }
        }
        if (parts.size() > 1) {
            events.messageSplit(parts.size());
        }
    }

    /** True when the deltas no restart needs are due to be deleted ({@link #deletable}). */
    public boolean deletionDue() {
        return snapshotsSinceDeletion > 0 && !shares.isEmpty() && clock.millis() >= nextDeletion;
    }

    /**
     * The tombstones of the held shares' deltas that no restart needs any more, once the scoring snapshots of every
     * events partition cover {@code scoringFloor} ({@link Long#MIN_VALUE}: not all partitions have one): a share's
     * deltas at or before both its latest snapshot (training restores from it and the later deltas) and the floor
     * (scoring restores from a snapshot at or after it and the later deltas). Each is handed out once.
     */
    public List<Tombstone> deletable(long scoringFloor) {
        List<Tombstone> out = new java.util.ArrayList<>();
        if (scoringFloor == Long.MIN_VALUE) {
            nextDeletion = clock.millis() + DELETE_RETRY_MILLIS;
            return out;
        }
        nextDeletion = clock.millis() + DELETE_EVERY_MILLIS;
        snapshotsSinceDeletion = 0;
        for (ShareTrainer share : shares.values()) {
            long upTo = Math.min(scoringFloor, share.lastSnapshot);
            if (upTo == Long.MIN_VALUE) {
                continue;
            }
            Map<Long, List<String>> covered = share.storedDeltas.headMap(upTo, true);
            covered.values().forEach(keys -> keys.forEach(k ->
                    out.add(new Tombstone(share.share() % Math.max(1, modelPartitions), k))));
            covered.clear();
        }
        return out;
    }

    /** How many events partitions (shares) there are. */
    public int partitions() {
        return partitions;
    }

    /**
     * The commits that changed since the last call: per share, the first event of a bucket still open and the
     * share's position. {@code consumed} holds the loop's read position per share (records dead-lettered or
     * skipped count as read).
     */
    public Map<Integer, Commit> commits(Map<Integer, Long> consumed) {
        consumed.forEach((share, position) -> {
            ShareTrainer trainer = shares.get(share);
            if (trainer != null) {
                trainer.advanceTo(position);
            }
        });
        Map<Integer, Commit> out = new TreeMap<>();
        for (ShareTrainer share : shares.values()) {
            SharePosition position = share.position();
            if (position.position() == 0) {
                continue;
            }
            Commit next = new Commit(share.committableOffset(), position);
            if (!next.equals(share.lastCommitted)) {
                out.put(share.share(), next);
                share.lastCommitted = next;
            }
        }
        return out;
    }

}
