package io.netrare.models.rare;

import com.fasterxml.jackson.databind.JsonNode;
import io.netrare.schema.Explanation;
import io.netrare.schema.spi.AnomalyModel;
import io.netrare.schema.spi.BucketObservation;
import io.netrare.schema.spi.EntityKey;
import io.netrare.schema.spi.JobSpec;
import io.netrare.schema.spi.ScoredEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * Elastic's {@code rare by <field> [partition by <field>]}: per partition value, the decayed number of buckets
 * each by value appeared in. Learning bucket t adds 1 to every value present, then decays every count by
 * exp(-lambda) per bucket elapsed (empty buckets included, applied lazily per entity). The bucket is learned
 * before it is scored; P(v) = sum over a_j <= a_v of a_j / sum a_j within the partition.
 */
public final class RarityModel implements AnomalyModel {

    public static final String TYPE = "rare";
    private static final Logger LOG = LoggerFactory.getLogger(RarityModel.class);

    final JobSpec job;
    final RareModelConfig config;
    final double lambda;
    final long spanMillis;
    /** partition value -> by value -> state. */
    final Map<String, Map<String, RareEntity>> partitions = new HashMap<>();
    long firstLearned = Long.MIN_VALUE;
    long lastLearned = Long.MIN_VALUE;
    BucketObservation lastBucket = BucketObservation.empty(Long.MIN_VALUE);
    int entityCount;
    long evictions;
    MemoryStatus status = MemoryStatus.ok;
    private final Map<String, RarityTable> tables = new HashMap<>();
    /** Keys evicted at the cap -> when, oldest dropped first beyond {@link #evictedMemory()}. */
    final TreeMap<EntityKey, Long> evicted = new TreeMap<>();

    public RarityModel(JobSpec job, RareModelConfig config) {
        this.job = requireNonNull(job, "job is null");
        this.config = requireNonNull(config, "config is null");
        this.lambda = config.lambdaPerBucket(job.bucketSpan());
        this.spanMillis = job.bucketSpanMillis();
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void learn(BucketObservation bucket) {
        long t = bucket.bucketStart();
        if (lastLearned != Long.MIN_VALUE && t <= lastLearned) {
            throw new IllegalArgumentException("bucket " + Instant.ofEpochMilli(t) + " is not after the last learned "
                    + Instant.ofEpochMilli(lastLearned));
        }
        double oneBucket = Math.exp(-lambda);
        for (EntityKey key : bucket.entities().keySet()) {
            Map<String, RareEntity> partition = partitions.computeIfAbsent(key.partitionValue(), p -> new HashMap<>());
            RareEntity e = partition.get(key.byValue());
            if (e == null) {
                RareEntity fresh = new RareEntity(oneBucket, t, t, Long.MIN_VALUE, 1);
                if (!evicted.isEmpty()) {
                    Long at = evicted.remove(key);
                    fresh.evictedAt = at == null ? Long.MIN_VALUE : at;
                }
                partition.put(key.byValue(), fresh);
                entityCount++;
            } else {
                long k = (t - e.lastSeen) / spanMillis;
                e.decayed = (e.decayed * Math.exp(-lambda * (k - 1)) + 1) * oneBucket;
                e.previousSeen = e.lastSeen;
                e.lastSeen = t;
                e.buckets++;
            }
        }
        if (firstLearned == Long.MIN_VALUE) {
            firstLearned = t;
        }
        lastLearned = t;
        lastBucket = bucket;
        tables.clear();
        boolean atCap = entityCount >= config.entityCap();
        if (entityCount > config.entityCap()) {
            new RarityEviction(this).evict(bucket);
        }
        updateStatus(atCap);
    }

    /** How many evicted keys are remembered: a quarter of the cap, at least 1000. */
    int evictedMemory() {
        return Math.max(1000, config.entityCap() / 4);
    }

    void rememberEvicted(EntityKey key, long t) {
        evicted.put(key, t);
        if (evicted.size() > evictedMemory()) {
            // drop the oldest eviction (ties: the smallest key), deterministically
            EntityKey oldest = null;
            long when = Long.MAX_VALUE;
            for (Map.Entry<EntityKey, Long> x : evicted.entrySet()) {
                if (x.getValue() < when) {
                    when = x.getValue();
                    oldest = x.getKey();
                }
            }
            evicted.remove(oldest);
        }
    }

    /** The decayed count of an entity as of the last learned bucket. */
    double decayedNow(RareEntity e) {
        long k = (lastLearned - e.lastSeen) / spanMillis;
        return k == 0 ? e.decayed : e.decayed * Math.exp(-lambda * k);
    }

    /** hard_limit from reaching the cap until the count falls below the soft limit; warns once per change. */
    private void updateStatus(boolean atCap) {
        MemoryStatus next = MemoryLimits.next(status, atCap, entityCount, config.softLimitFraction() * config.entityCap());
        if (next != status) {
            LOG.warn("job {}: model memory status {} -> {} ({} entities, cap {}, {} evicted so far)",
                    job.jobId(), status, next, entityCount, config.entityCap(), evictions);
            status = next;
        }
    }

    @Override
    public long lastLearnedBucket() {
        return lastLearned;
    }

    @Override
    public BucketObservation lastBucket() {
        return lastBucket;
    }

    RarityTable table(String partitionValue) {
        return tables.computeIfAbsent(partitionValue, p -> {
            Map<String, RareEntity> entities = partitions.getOrDefault(p, Map.of());
            double[] values = new double[entities.size()];
            int i = 0;
            for (RareEntity e : entities.values()) {
                values[i++] = decayedNow(e);
            }
            return new RarityTable(values);
        });
    }

    @Override
    public List<ScoredEntity> score(BucketObservation bucket) {
        if (bucket.bucketStart() != lastLearned) {
            throw new IllegalArgumentException("score the bucket just learned (" + lastLearned + "), not "
                    + bucket.bucketStart());
        }
        List<ScoredEntity> out = new ArrayList<>(bucket.entities().size());
        for (EntityKey key : bucket.entities().keySet()) {
            RareEntity e = partitions.getOrDefault(key.partitionValue(), Map.of()).get(key.byValue());
            RarityTable table = table(key.partitionValue());
            double p = e == null ? 1.0 : table.probability(e.decayed);
            out.add(scored(key, bucket.bucketStart(), p, e, table.total()));
        }
        return out;
    }

    private ScoredEntity scored(EntityKey key, long bucketStart, double p, RareEntity e, double total) {
        double raw = RawScores.anomalyScore(p);
        boolean anomalous = p < config.unusualProbability();
        return new ScoredEntity(key, bucketStart, p, raw, anomalous, anomalous ? explain(key, bucketStart, p, e, total) : null);
    }

    private Explanation explain(EntityKey key, long bucketStart, double p, RareEntity e, double total) {
        long seenBefore = e == null ? 0 : e.buckets - 1;
        double a = e == null ? 0 : e.decayed;
        long inModel = firstLearned == Long.MIN_VALUE ? 1 : (bucketStart - firstLearned) / spanMillis + 1;
        Instant first = e == null ? Instant.ofEpochMilli(bucketStart) : Instant.ofEpochMilli(e.firstSeen);
        Instant last = e == null || e.previousSeen == Long.MIN_VALUE ? null : Instant.ofEpochMilli(e.previousSeen);
        boolean returning = e != null && e.evictedAt != Long.MIN_VALUE;
        String reason = String.format(java.util.Locale.ROOT,
                "%s '%s'%s seen in %d of %d earlier buckets%s; decayed count %.3f of %.3f; P=%.3g",
                job.byFieldName(), key.byValue(),
                key.partitionValue().isEmpty() ? "" : " on " + job.partitionFieldName() + " '" + key.partitionValue() + "'",
                seenBefore, inModel - 1, returning ? " since it came back after being evicted at the entity cap on "
                        + Instant.ofEpochMilli(e.evictedAt) + " (its history before is lost)" : "", a, total, p);
        Explanation x = new Explanation(seenBefore, a, inModel, seenBefore == 0, first, last,
                total > 0 ? a / total : null, List.of(), null, null, null, null, reason);
        return returning ? x.withReturning() : x;
    }

    /**
     * Interim score from the model as learned so far plus this entity's presence in the open bucket. Other
     * entities of the open bucket are not folded in (they would only lower P further), so the interim
     * probability is an upper bound of the final one when nothing else changes.
     */
    @Override
    public Optional<ScoredEntity> scoreInterim(BucketObservation openBucketSoFar, EntityKey entity) {
        long t = openBucketSoFar.bucketStart();
        if (lastLearned == Long.MIN_VALUE || t <= lastLearned) {
            return Optional.empty();
        }
        RarityTable table = table(entity.partitionValue());
        RareEntity e = partitions.getOrDefault(entity.partitionValue(), Map.of()).get(entity.byValue());
        long k = (t - lastLearned) / spanMillis;
        // in the scale of the last learned bucket, learning t adds exp(lambda*(k-1)) to this entity only
        double boost = Math.exp(lambda * (k - 1));
        double before = e == null ? 0 : decayedNow(e);
        double after = before + boost;
        double total = table.total() + boost;
        double p = Math.min(1.0, (table.sumAtMost(after) - before + after) / total);
        if (!(p < config.unusualProbability())) {
            return Optional.empty();
        }
        double scale = Math.exp(-lambda * k);
        RareEntity view = e == null ? new RareEntity(after * scale, t, t, Long.MIN_VALUE, 1)
                : new RareEntity(after * scale, e.firstSeen, t, e.lastSeen, e.buckets + 1);
        return Optional.of(scored(entity, t, p, view, total * scale));
    }

    @Override
    public int entityCount() {
        return entityCount;
    }

    @Override
    public MemoryStatus memoryStatus() {
        return status;
    }

    @Override
    public long evictions() {
        return evictions;
    }

    /** Buckets learned, from the first to the last, empty ones included. */
    public long bucketsInModel() {
        return lastLearned == Long.MIN_VALUE ? 0 : (lastLearned - firstLearned) / spanMillis + 1;
    }

    /** The decayed count of a by value as of the last learned bucket, or 0 when unknown (for tests and tools). */
    public double decayedCount(EntityKey key) {
        RareEntity e = partitions.getOrDefault(key.partitionValue(), Map.of()).get(key.byValue());
        return e == null ? 0 : decayedNow(e);
    }

    /** P(v) as of the last learned bucket, for a by value the model holds. */
    public double probability(EntityKey key) {
        RareEntity e = partitions.getOrDefault(key.partitionValue(), Map.of()).get(key.byValue());
        if (e == null) {
            throw new IllegalArgumentException("unknown entity " + key);
        }
        return table(key.partitionValue()).probability(decayedNow(e));
    }

    @Override
    public JsonNode snapshot() {
        return RaritySnapshots.write(this);
    }

    /** Entities sorted, for deterministic snapshots. */
    TreeMap<EntityKey, RareEntity> sortedEntities() {
        TreeMap<EntityKey, RareEntity> all = new TreeMap<>();
        partitions.forEach((p, m) -> m.forEach((b, e) -> all.put(new EntityKey(p, b), e)));
        return all;
    }

    void put(EntityKey key, RareEntity e) {
        RareEntity old = partitions.computeIfAbsent(key.partitionValue(), p -> new HashMap<>()).put(key.byValue(), e);
        if (old != null) {
            throw new IllegalArgumentException("entity " + key + " is in more than one share");
        }
        entityCount++;
        tables.clear();
    }

    void remove(EntityKey key) {
        Map<String, RareEntity> m = partitions.get(key.partitionValue());
        if (m != null && m.remove(key.byValue()) != null) {
            entityCount--;
            if (m.isEmpty()) {
                partitions.remove(key.partitionValue());
            }
            tables.clear();
        }
    }
}
