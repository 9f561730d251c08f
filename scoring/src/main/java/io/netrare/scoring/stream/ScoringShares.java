package io.netrare.scoring.stream;

import io.netrare.schema.AnomalyRecord;
import io.netrare.schema.NetworkEvent;
import io.netrare.schema.ScoringSnapshotPart;
import io.netrare.schema.ScoringSnapshotStore;
import io.netrare.schema.spi.EntityKey;
import io.netrare.schema.spi.AnomalyModel;
import io.netrare.schema.spi.JobSpec;
import io.netrare.schema.spi.ModelProvider;
import io.netrare.schema.spi.ScoreNormalizer;
import io.netrare.scoring.BucketEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * The scoring side of the share protocol, in plain Java. Events of the owned partitions feed the
 * {@link BucketEngine} (influencers, examples, interim records); the training shares' deltas
 * ({@link DeltaBook}) say when a bucket is closed and what it held fleet-wide. A bucket is scored once every
 * share has closed it (or after the share timeout) and this instance has read, in each owned partition, as
 * far as the share had when it closed the bucket; the model learns the union of the deltas, so every
 * instance keeps the same model and normalizer and writes exactly the records one instance would, for the
 * entities it owns. The service's {@code ScoringProcessor} feeds it from Kafka and moves its output. Not thread-safe.
 */
public final class ScoringShares {

    private static final Logger LOG = LoggerFactory.getLogger(ScoringShares.class);
    /** The scoring thread's CPU time per bucket is reported beside the wall time, which other threads' load inflates. */
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    /** What became of one event. */
    public enum Placement { COLLECTED, LATE, REPLAYED }

    private final JobSpec job;
    private final ModelProvider provider;
    private final BucketEngine engine;
    private final DeltaBook book;
    private final ScoringSettings settings;
    private final Clock clock;
    private final ScoringEvents events;
    private final Map<Integer, PartitionProgress> partitions = new TreeMap<>();
    /**
     * Per entity with events in a bucket not scored yet: {partition, last bucket it has events in}. Entries go
     * once that bucket is scored, so the map holds the open buckets' entities, not every entity ever seen.
     */
    private final Map<EntityKey, long[]> entityPartition = new HashMap<>();
    private long modelBucket = Long.MIN_VALUE;
    private long waitingBucket = Long.MIN_VALUE;
    private long waitingSince;
    private int scoredSinceSnapshot;
    /** The state after the last bucket scored, when it is due to be written; taken by {@link #takeSnapshot}. */
    private ScoringSnapshot pendingSnapshot;

    public ScoringShares(JobSpec job, ModelProvider provider, BucketEngine engine, DeltaBook book,
                         ScoringSettings settings, Clock clock, ScoringEvents events) {
        this.job = requireNonNull(job, "job is null");
        this.provider = requireNonNull(provider, "provider is null");
        this.engine = requireNonNull(engine, "engine is null");
        this.book = requireNonNull(book, "book is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.events = requireNonNull(events, "events is null");
    }

    /**
     * Takes over partitions with their last commits. Returns the bucket the model must be rebuilt up to
     * before their events are read ({@link #rebuildUpTo}), if it is ahead of the model.
     */
    public OptionalLong assign(Map<Integer, ScoredPosition> assigned) {
        long resumeFrom = Long.MAX_VALUE;
        for (Map.Entry<Integer, ScoredPosition> e : assigned.entrySet()) {
            PartitionProgress p = new PartitionProgress(e.getValue());
            partitions.put(e.getKey(), p);
            resumeFrom = Math.min(resumeFrom, p.scoredUpTo);
        }
        LOG.info("scoring partitions {} assigned; model at bucket {}", partitions.keySet(), modelBucket);
        if (resumeFrom != Long.MIN_VALUE && resumeFrom != Long.MAX_VALUE && resumeFrom > modelBucket) {
            return OptionalLong.of(resumeFrom);
        }
        if (resumeFrom != Long.MAX_VALUE && resumeFrom < modelBucket) {
            LOG.warn("a partition resumes from bucket {} but the model has learned up to {}: its records between "
                    + "are not written by this instance", Instant.ofEpochMilli(resumeFrom), Instant.ofEpochMilli(modelBucket));
        }
        return OptionalLong.empty();
    }

    /** True once the book shows every share up to {@code bucket}, so the model can be rebuilt to it. */
    public boolean canRebuild(long bucket) {
        book.drain();
        return book.complete(bucket);
    }

    /**
     * At start, before the models topic is read: deltas of buckets every partition's snapshot covers are not kept,
     * since no restart resumes before them (a partition's snapshot goes with its commit).
     */
    public void skipCoveredDeltas(ScoringSnapshotStore snapshots, int eventPartitions) {
        long floor = snapshots.floor(eventPartitions);
        if (floor != Long.MIN_VALUE) {
            book.skipUpTo(floor);
            LOG.info("scoring snapshots cover every partition up to bucket {}: earlier deltas are not kept",
                    Instant.ofEpochMilli(floor));
        }
    }

    /**
     * Before {@link #rebuildUpTo}: takes the state of the newest readable scoring snapshot at or before {@code bucket}
     * (and after the model), so that only the deltas after it are learned again. A snapshot that does not decode or
     * restore is counted and passed over; with none usable the rebuild learns every delta, as without snapshots.
     * Returns the snapshot's bucket.
     */
    public OptionalLong restoreSnapshot(ScoringSnapshotStore snapshots, long bucket) {
        if (bucket <= modelBucket || !snapshots.any()) {
            return OptionalLong.empty();
        }
        List<List<ScoringSnapshotPart>> candidates = snapshots.atOrBefore(bucket);
        if (candidates.isEmpty()) {
            LOG.warn("every scoring snapshot is past bucket {}: rebuilding from the deltas", Instant.ofEpochMilli(bucket));
            events.snapshotFallback("ahead");
            return OptionalLong.empty();
        }
        for (List<ScoringSnapshotPart> parts : candidates) {
            long at = parts.get(0).bucket();
            if (at <= modelBucket) {
                break;
            }
            try {
                ScoringSnapshot s = ScoringSnapshot.join(parts);
                if (!s.jobId().equals(job.jobId()) || !s.modelType().equals(provider.type())
                        || s.formatVersion() != provider.formatVersion() || s.bucket() != at) {
                    throw new IllegalArgumentException("a snapshot of job " + s.jobId() + ", model " + s.modelType()
                            + " format " + s.formatVersion() + " cannot restore job " + job.jobId() + ", model "
                            + provider.type() + " format " + provider.formatVersion());
                }
                AnomalyModel model = provider.restore(job, s.model());
                ScoreNormalizer normalizer = provider.restoreNormalizer(job, s.normalizer());
                engine.restore(model, normalizer, s.lastScored());
                modelBucket = at;
                book.skipUpTo(at);
                book.forget(at);
                LOG.info("scoring state restored from the snapshot of bucket {}", Instant.ofEpochMilli(at));
                return OptionalLong.of(at);
            } catch (RuntimeException e) {
                LOG.warn("scoring snapshot of bucket {} unusable, trying an older one or the deltas: {}",
                        Instant.ofEpochMilli(at), e.toString());
                events.snapshotFallback("unreadable");
            }
        }
        return OptionalLong.empty();
    }

    /** After a restart or a rebalance: learns, without writing, every bucket the previous owner had scored. */
    public void rebuildUpTo(long bucket) {
        long from = modelBucket;
        int replayed = 0;
        for (long b : book.bucketsWithDeltas()) {
            if (b > modelBucket && b <= bucket) {
                engine.learnOnly(book.observation(b));
                modelBucket = b;
                replayed++;
            }
        }
        events.restored(from, replayed);
        modelBucket = Math.max(modelBucket, bucket);
        book.forget(modelBucket);
        events.modelBucket(modelBucket);
    }

    /** True while this instance owns no events partition: it scores nothing, so its book would keep every delta. */
    public boolean ownsNoPartition() {
        return partitions.isEmpty();
    }

    /**
     * While this instance owns no partition: learns, without writing, every bucket up to {@code scoredEverywhere}
     * (the last bucket the group has scored in every events partition) that all shares have closed, and forgets
     * their deltas. A partition assigned later resumes at or after that bucket, so it finds the model a restart
     * would have rebuilt.
     */
    /**
     * True when the model is behind the deltas the book no longer keeps (those the scoring snapshots covered when the
     * instance started): it must restore a snapshot ({@link #restoreSnapshot}) before it learns from deltas.
     */
    public boolean behindSkippedDeltas() {
        return modelBucket < book.forgotten();
    }

    public void catchUpIdle(long scoredEverywhere) {
        book.drain();
        if (!partitions.isEmpty() || scoredEverywhere <= modelBucket || !book.complete(scoredEverywhere)) {
            return;
        }
        rebuildUpTo(scoredEverywhere);
    }

    public void revoke(Collection<Integer> revoked) {
        revoked.forEach(partitions::remove);
        // their entities are not this instance's to write any more
        entityPartition.values().removeIf(seen -> revoked.contains((int) seen[0]));
    }

    /**
     * Places an event read at {@code offset} of {@code partition}; records (interim ones, and finals of
     * buckets it made ready) go to {@code out}.
     *
     * @param producedAt the event's record timestamp (for the event-to-record latency)
     */
    public Placement place(int partition, long offset, long producedAt, NetworkEvent event, Consumer<AnomalyRecord> out) {
        return place(partition, offset, producedAt, event, () -> event, out);
    }

    /**
     * As {@link #place(int, long, long, NetworkEvent, Consumer)}, for an event read with only the fields a bucket
     * counts; {@code whole} gives it with every field (see {@link BucketEngine#collect}).
     */
    public Placement place(int partition, long offset, long producedAt, NetworkEvent event,
                           java.util.function.Supplier<NetworkEvent> whole, Consumer<AnomalyRecord> out) {
        PartitionProgress progress = partitions.get(partition);
        if (progress == null) {
            throw new IllegalStateException("event of unassigned partition " + partition);
        }
        long bucket = job.bucketStart(event.timestamp());
        EntityKey key = job.entityKey(event);
        if (key == null) {
            throw new IllegalArgumentException("event has no " + job.byFieldName()
                    + (job.partitionFieldName() == null ? "" : " or " + job.partitionFieldName()));
        }
        boolean replay = offset < progress.replayUntil;
        progress.position = Math.max(progress.position, offset + 1);
        if (bucket <= progress.scoredUpTo || bucket <= modelBucket) {
            return late(replay);
        }
        BucketEngine.Outcome outcome = engine.collect(event, whole, key, !replay);
        if (outcome.kind() == BucketEngine.Outcome.Kind.LATE) {
            return late(replay);
        }
        progress.read(offset, bucket);
        long[] seen = entityPartition.computeIfAbsent(key, k -> new long[]{partition, bucket});
        seen[0] = partition;
        seen[1] = Math.max(seen[1], bucket);
        for (AnomalyRecord interim : outcome.records()) {
            out.accept(interim);
            events.interimRecord(Math.max(0, clock.millis() - producedAt));
        }
        scoreReadyBuckets(out);
        return Placement.COLLECTED;
    }

    private Placement late(boolean replay) {
        if (replay) {
            events.replayed();
            return Placement.REPLAYED;
        }
        events.late();
        return Placement.LATE;
    }

    /**
     * The brokers were away and answer again: a bucket waiting for the other training shares waits the share
     * timeout from now, since their deltas could not arrive meanwhile.
     */
    public void brokersBack() {
        waitingBucket = Long.MIN_VALUE;
    }

    /** Takes in what the models topic brought and scores what became ready. */
    public void tick(Consumer<AnomalyRecord> out) {
        book.drain();
        scoreReadyBuckets(out);
    }

    /** Scores, in order, every bucket that all shares have closed and this instance has read far enough for. */
    private void scoreReadyBuckets(Consumer<AnomalyRecord> out) {
        while (!partitions.isEmpty()) {
            OptionalLong next = nextBucket();
            if (next.isEmpty()) {
                break;
            }
            long bucket = next.getAsLong();
            if (!ready(bucket)) {
                break;
            }
            long wall0 = System.nanoTime();
            long cpu0 = CPU.isCurrentThreadCpuTimeSupported() ? CPU.getCurrentThreadCpuTime() : -1;
            List<AnomalyRecord> records = engine.closeWith(book.observation(bucket), key -> owns(key, bucket));
            events.bucketLearnedAndScored(System.nanoTime() - wall0,
                    cpu0 < 0 ? -1 : CPU.getCurrentThreadCpuTime() - cpu0);
            for (AnomalyRecord r : records) {
                out.accept(r);
                if (r.timestamp() < bucket) {
                    events.renormalizedRecord();
                } else {
                    events.finalRecord();
                }
            }
            modelBucket = bucket;
            partitions.values().forEach(p -> p.scored(bucket));
            if (++scoredSinceSnapshot >= settings.snapshotEveryBuckets()) {
                scoredSinceSnapshot = 0;
                pendingSnapshot = new ScoringSnapshot(job.jobId(), provider.type(), provider.formatVersion(), bucket,
                        engine.lastScored(), engine.model().snapshot(), engine.normalizer().snapshot());
                events.snapshotTaken(bucket);
            }
            entityPartition.values().removeIf(seen -> seen[1] <= bucket);
            book.forget(bucket);
            events.modelBucket(bucket);
            events.bucketScored(bucket, Math.max(0, (clock.millis() - bucket - job.bucketSpanMillis()) / 1000));
        }
        events.openBuckets(engine.earliestOpenBucket().isPresent());
    }

    private OptionalLong nextBucket() {
        OptionalLong delta = book.nextDeltaBucket(modelBucket);
        OptionalLong own = engine.earliestOpenBucket();
        if (delta.isEmpty()) {
            return own;
        }
        if (own.isEmpty()) {
            return delta;
        }
        return OptionalLong.of(Math.min(delta.getAsLong(), own.getAsLong()));
    }

    private boolean ready(long bucket) {
        if (!book.complete(bucket)) {
            if (!book.started(bucket)) {
                return false;
            }
            if (waitingBucket != bucket) {
                waitingBucket = bucket;
                waitingSince = clock.millis();
                return false;
            }
            if (clock.millis() - waitingSince < settings.shareTimeout().toMillis()) {
                return false;
            }
            LOG.warn("bucket {} scored without every training share after {}", Instant.ofEpochMilli(bucket),
                    settings.shareTimeout());
            events.shareTimeout();
        }
        for (Map.Entry<Integer, PartitionProgress> e : partitions.entrySet()) {
            if (e.getValue().position < book.sourcePosition(bucket, e.getKey())) {
                return false; // the share learned events of this bucket we have not read yet
            }
        }
        return true;
    }

    private boolean owns(EntityKey key, long bucket) {
        long[] seen = entityPartition.get(key);
        PartitionProgress p = seen == null ? null : partitions.get((int) seen[0]);
        return p != null && p.scoredUpTo < bucket;
    }

    /**
     * The commits that changed since the last call: per partition, the first event of a bucket not yet
     * scored, and the position. {@code consumed} holds the loop's read position per partition.
     */
    public Map<Integer, PartitionProgress.Commit> commits(Map<Integer, Long> consumed) {
        consumed.forEach((partition, position) -> {
            PartitionProgress p = partitions.get(partition);
            if (p != null) {
                p.position = Math.max(p.position, position);
            }
        });
        Map<Integer, PartitionProgress.Commit> out = new TreeMap<>();
        partitions.forEach((partition, p) -> {
            if (!p.commits()) {
                return;
            }
            PartitionProgress.Commit next = p.committable();
            if (!next.equals(p.lastCommitted)) {
                out.put(partition, next);
                p.lastCommitted = next;
            }
        });
        return out;
    }

    /**
     * The parts of the snapshot due, if one is: one copy for each owned partition that commits, to be written in
     * the transaction of that commit (which then says the partition was scored at least up to the snapshot), so no
     * partition's commit is ever older than its snapshot.
     */
    public List<ScoringSnapshotPart> takeSnapshot(int maxPartBytes) {
        if (pendingSnapshot == null) {
            return List.of();
        }
        List<ScoringSnapshotPart> out = new ArrayList<>();
        partitions.forEach((partition, p) -> {
            if (p.commits()) { // the same partitions as commits()
                out.addAll(pendingSnapshot.parts(partition, maxPartBytes));
            }
        });
        pendingSnapshot = null;
        return out;
    }

    long modelBucket() {
        return modelBucket;
    }

    /** Entities whose partition is kept (those with events in a bucket not scored yet). */
    int trackedEntities() {
        return entityPartition.size();
    }
}
