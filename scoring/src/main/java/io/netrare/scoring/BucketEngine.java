package io.netrare.scoring;

import io.netrare.schema.AnomalyRecord;
import io.netrare.schema.Explanation;
import io.netrare.schema.NetworkEvent;
import io.netrare.schema.spi.AnomalyModel;
import io.netrare.schema.spi.BucketObservation;
import io.netrare.schema.spi.EntityKey;
import io.netrare.schema.spi.JobSpec;
import io.netrare.schema.spi.ModelProvider;
import io.netrare.schema.spi.ScoreNormalizer;
import io.netrare.schema.spi.ScoredEntity;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;

import static java.util.Objects.requireNonNull;

/**
 * The scoring engine, model-agnostic: events in (event time, already filtered), anomaly records out.
 * Buckets close by watermark, by idle wall clock, or at end of input; a closed bucket is learned, then
 * scored, every raw score goes to the normalizer, and anomalous entities become records. Interim records
 * come from the first event of a rare value in an open bucket; renormalization re-emits moved records.
 *
 * <p>The streaming scoring service uses the same engine with buckets closed from outside:
 * {@link #collect} gathers the owned entities' events (and interim records), {@link #closeWith} learns the
 * union of every training share's delta and writes the owned entities' records, {@link #learnOnly} rebuilds
 * state after a restart. Not thread-safe.
 */
public final class BucketEngine {

    /** What became of one event, with the records it caused (interim ones, or finals of buckets it closed). */
    public record Outcome(Kind kind, List<AnomalyRecord> records) {
        public enum Kind { ACCEPTED, LATE, NO_ENTITY }
    }

    private final JobSpec job;
    private final EngineConfig config;
    private final Clock clock;
    private final BucketAccumulator buckets;
    private final RecordFactory records;
    private final Renormalizer renormalizer;
    private AnomalyModel model;
    private ScoreNormalizer normalizer;
    private long lateEvents;
    private long bucketsClosed;
    private long lastScored = Long.MIN_VALUE;

    /** The version of every final record; an interim record is version 1, renormalized ones follow. */
    public static final long FINAL_VERSION = 2;
    private final Map<String, Long> suppressions = new java.util.TreeMap<>();
    private long auditRecords;

    public BucketEngine(JobSpec job, AnomalyModel model, ScoreNormalizer normalizer, EngineConfig config, Clock clock) {
        this(job, model, normalizer, config, clock, 1, key -> 0);
    }

    /**
     * @param shares  how many shares the input splits into, as the events topic's partitions split it
     * @param shareOf the share of an entity (the partition its events land in)
     */
    public BucketEngine(JobSpec job, AnomalyModel model, ScoreNormalizer normalizer, EngineConfig config, Clock clock,
                        int shares, ToIntFunction<EntityKey> shareOf) {
        this.job = requireNonNull(job, "job is null");
        this.model = requireNonNull(model, "model is null");
        this.normalizer = requireNonNull(normalizer, "normalizer is null");
        this.config = requireNonNull(config, "config is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.buckets = new BucketAccumulator(job, config, shares, shareOf);
        this.records = new RecordFactory(job, model.type());
        this.renormalizer = new Renormalizer(config.renormalizationWindow(job.bucketSpan()).toMillis(),
                config.minRenormalizationChange());
    }

    public static BucketEngine create(JobSpec job, ModelProvider provider, EngineConfig config, Clock clock) {
        return create(job, provider, config, clock, 1, key -> 0);
    }

    public static BucketEngine create(JobSpec job, ModelProvider provider, EngineConfig config, Clock clock,
                                      int shares, ToIntFunction<EntityKey> shareOf) {
        return new BucketEngine(job, provider.create(job), provider.newNormalizer(job), config, clock, shares, shareOf);
    }

    public Outcome accept(NetworkEvent event) {
        EntityKey key = job.entityKey(event);
        if (key == null) {
            return new Outcome(Outcome.Kind.NO_ENTITY, List.of());
        }
        BucketAccumulator.Placement placement = buckets.add(event, key, clock.millis());
        if (placement == BucketAccumulator.Placement.LATE) {
            lateEvents++;
            return new Outcome(Outcome.Kind.LATE, List.of());
        }
        List<AnomalyRecord> out = new ArrayList<>();
        if (placement == BucketAccumulator.Placement.NEW_ENTITY && config.interimRecords()) {
            interim(event, key).ifPresent(out::add);
        }
        for (OpenBucket b : buckets.closeByWatermark(key)) {
            out.addAll(close(b));
        }
        return new Outcome(Outcome.Kind.ACCEPTED, out);
    }

    private Optional<AnomalyRecord> interim(NetworkEvent event, EntityKey key) {
        long start = job.bucketStart(event.timestamp());
        EntityActivityBuilder activity = buckets.entity(start, key);
        // the entity's own presence so far; the model decides how much of the open bucket it needs
        BucketObservation soFar = BucketObservation.of(start, Map.of(key, activity.activity()));
        Optional<ScoredEntity> scored = model.scoreInterim(soFar, key);
        if (scored.isEmpty() || !scored.get().anomalous()) {
            return Optional.empty();
        }
        activity.interimVersion = 1;
        return Optional.of(records.build(mark(scored.get(), warmingUp()), activity, normalizer.normalize(scored.get()), 1,
                true, now()));
    }

    /**
     * Closes by wall clock, in each share idle for the idle timeout, the buckets whose end plus the latency
     * the clock has passed; a bucket ending later stays open.
     */
    public List<AnomalyRecord> closeIdle() {
        List<AnomalyRecord> out = new ArrayList<>();
        for (OpenBucket b : buckets.closeIdle(clock.millis())) {
            out.addAll(close(b));
        }
        return out;
    }

    /**
     * Closes every open bucket (end of input). There is no extra renormalization at the end: records are
     * renormalized on the same buckets as in the pipeline, which has no end.
     */
    public List<AnomalyRecord> closeAll() {
        List<AnomalyRecord> out = new ArrayList<>();
        for (OpenBucket b : buckets.closeAll()) {
            out.addAll(close(b));
        }
        return out;
    }

    /**
     * Renormalization runs when a scored bucket starts a new cycle of {@code renormalize_every_buckets}
     * buckets (cycles aligned to the epoch): a function of the buckets scored alone, so every instance, a
     * restarted one and the offline engine renormalize after the same buckets.
     */
    private boolean renormalizationDue(long bucket) {
        long cycle = config.renormalizeEveryBuckets() * job.bucketSpanMillis();
        boolean due = lastScored != Long.MIN_VALUE && Math.floorDiv(bucket, cycle) != Math.floorDiv(lastScored, cycle);
        lastScored = bucket;
        return due;
    }

    private List<AnomalyRecord> close(OpenBucket bucket) {
        BucketObservation observation = bucket.observation();
        model.learn(observation);
        return scoreClosed(observation, bucket);
    }

    private List<AnomalyRecord> scoreClosed(BucketObservation observation, OpenBucket own) {
        bucketsClosed++;
        List<ScoredEntity> scores = model.score(observation);
        normalizer.observe(observation.bucketStart(), scores);
        Instant now = now();
        List<AnomalyRecord> out = new ArrayList<>();
        if (renormalizationDue(observation.bucketStart())) {
            out.addAll(renormalizer.renormalize(observation.bucketStart(), normalizer, now));
        }
        boolean warming = warmingUp();
        List<ScoredEntity> held = new ArrayList<>();
        for (ScoredEntity s : scores) {
            EntityActivityBuilder activity = own == null ? null : own.entities.get(s.entity());
            if (activity == null) {
                continue; // another instance holds this entity's events and writes its record
            }
            String suppressedBy = s.anomalous() || s.explanation() == null ? null : s.explanation().suppressedBy();
            if (suppressedBy != null) {
                suppressions.merge(suppressedBy, 1L, Long::sum);
            }
            if (!s.anomalous() && activity.interimVersion == 0) {
                if (suppressedBy != null && config.auditSuppressedPerBucket() > 0) {
                    held.add(s);
                }
                continue;
            }
            // a final record also supersedes an interim one whose value turned out not to be rare; its version
            // does not depend on whether an interim record was written (that depends on timing)
            AnomalyRecord record = records.build(mark(s, warming), activity, normalizer.normalize(s), FINAL_VERSION,
                    false, now);
            out.add(record);
            if (s.anomalous()) {
                renormalizer.keep(record, s);
            }
        }
        // the strongest candidates held back: audit records with their reason, a record score of 0, never kept for
        // renormalization
        held.sort(java.util.Comparator.comparingDouble((ScoredEntity s) -> s.explanation().suppressedProbability())
                .thenComparing(ScoredEntity::entity));
        for (ScoredEntity s : held.subList(0, Math.min(held.size(), config.auditSuppressedPerBucket()))) {
            out.add(records.build(mark(s, warming), own.entities.get(s.entity()), 0, 1, false, now));
            auditRecords++;
        }
        return out;
    }

    /** True while the model has learned less history than the warm-up. */
    boolean warmingUp() {
        long buckets = model.bucketsInModel();
        return !config.warmUp().isZero() && buckets < config.warmUp().toMillis() / job.bucketSpanMillis();
    }

    private static ScoredEntity mark(ScoredEntity s, boolean warming) {
        if (!warming) {
            return s;
        }
        Explanation e = s.explanation() == null
                ? new Explanation(null, null, null, null, null, null, null, List.of(), null, null, null, null,
                        "scored while the model was warming up").withWarmingUp()
                : s.explanation().withWarmingUp();
        return new ScoredEntity(s.entity(), s.bucketStart(), s.probability(), s.rawScore(), s.anomalous(), e);
    }

    /** Candidates held back so far, by reason (every instance counts the entities it holds events of). */
    public Map<String, Long> suppressions() {
        return java.util.Collections.unmodifiableMap(suppressions);
    }

    /** Audit records of held-back candidates written so far. */
    public long auditRecords() {
        return auditRecords;
    }

    private Instant now() {
        return clock.instant();
    }

    public AnomalyModel model() {
        return model;
    }

    public ScoreNormalizer normalizer() {
        return normalizer;
    }

    public long lateEvents() {
        return lateEvents;
    }

    public long bucketsClosed() {
        return bucketsClosed;
    }

    public long lastClosedBucket() {
        return buckets.lastClosedBucket();
    }

    // Streaming scoring: the training shares decide when a bucket closes; this engine only collects the
    // events of the entities it owns, and scores a bucket when handed the union of every share's delta.

    /**
     * Adds an event of an owned entity ({@code key}, read from it by the caller) without closing any bucket. The first event of a rare entity in its
     * bucket yields an interim record, returned only when {@code emitInterim} (false for events read again
     * after a restart, whose interim record was already written; the version is counted all the same).
     */
    public Outcome collect(NetworkEvent event, EntityKey key, boolean emitInterim) {
        return collect(event, () -> event, key, emitInterim);
    }

    /**
     * As {@link #collect(NetworkEvent, EntityKey, boolean)}, for an event read with only the fields a bucket counts
     * (time, count, host name, the job's by and partition fields, the influencers): {@code whole} gives it with every
     * field, and is asked only for the events kept as examples.
     */
    public Outcome collect(NetworkEvent event, java.util.function.Supplier<NetworkEvent> whole, EntityKey key,
                           boolean emitInterim) {
        BucketAccumulator.Placement placement = buckets.add(event, whole, requireNonNull(key, "key is null"), clock.millis());
        if (placement == BucketAccumulator.Placement.LATE) {
            lateEvents++;
            return new Outcome(Outcome.Kind.LATE, List.of());
        }
        if (placement == BucketAccumulator.Placement.NEW_ENTITY && config.interimRecords()) {
            Optional<AnomalyRecord> interim = interim(event, key);
            if (interim.isPresent() && emitInterim) {
                return new Outcome(Outcome.Kind.ACCEPTED, List.of(interim.get()));
            }
        }
        return new Outcome(Outcome.Kind.ACCEPTED, List.of());
    }

    /**
     * Closes a bucket with the union of every share's observation: learns it, scores it, feeds every raw
     * score to the normalizer, and returns the records of the owned entities that {@code emit} accepts.
     */
    public List<AnomalyRecord> closeWith(BucketObservation union, java.util.function.Predicate<EntityKey> emit) {
        OpenBucket own = buckets.take(union.bucketStart());
        if (union.entities().isEmpty()) {
            return List.of();
        }
        if (own != null) {
            own.entities.keySet().removeIf(key -> !emit.test(key));
        }
        model.learn(union);
        return scoreClosed(union, own);
    }

    /** Learns and normalizes a bucket without writing records (rebuilding state after a restart). */
    public void learnOnly(BucketObservation union) {
        buckets.take(union.bucketStart());
        if (union.entities().isEmpty()) {
            return;
        }
        model.learn(union);
        normalizer.observe(union.bucketStart(), model.score(union));
        renormalizationDue(union.bucketStart());
        bucketsClosed++;
    }

    /** The last bucket learned with entities in it (where renormalization cycles are counted from), or {@link Long#MIN_VALUE}. */
    public long lastScored() {
        return lastScored;
    }

    /**
     * Takes over a model and normalizer restored from a snapshot taken after {@code lastScored} was learned (a
     * restart): the state {@link #learnOnly} would have built from every bucket up to it. Buckets collected so far
     * are kept.
     */
    public void restore(AnomalyModel restoredModel, ScoreNormalizer restoredNormalizer, long restoredLastScored) {
        if (!restoredModel.type().equals(model.type())) {
            throw new IllegalArgumentException("a " + restoredModel.type() + " model cannot replace a " + model.type() + " model");
        }
        this.model = restoredModel;
        this.normalizer = requireNonNull(restoredNormalizer, "restoredNormalizer is null");
        this.lastScored = restoredLastScored;
    }

    /** The earliest bucket holding owned events not yet scored. */
    public java.util.OptionalLong earliestOpenBucket() {
        return buckets.earliestOpen();
    }
}
