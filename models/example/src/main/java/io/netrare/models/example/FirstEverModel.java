package io.netrare.models.example;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netrare.schema.Explanation;
import io.netrare.schema.spi.AnomalyModel;
import io.netrare.schema.spi.BucketObservation;
import io.netrare.schema.spi.EntityKey;
import io.netrare.schema.spi.ScoredEntity;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * {@code first_ever}: an entity is anomalous in the bucket it is first seen in, once the model has learned
 * {@code warmup_buckets} buckets. No decay, no cap: an example of the SPI, not a detector to deploy.
 */
final class FirstEverModel implements AnomalyModel {

    static final String TYPE = "first_ever";

    private final FirstEverConfig config;
    final Set<EntityKey> seen = new TreeSet<>();
    final Set<EntityKey> newInLast = new TreeSet<>();
    long bucketsLearned;
    long lastLearned = Long.MIN_VALUE;
    BucketObservation lastBucket = BucketObservation.empty(Long.MIN_VALUE);

    FirstEverModel(FirstEverConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void learn(BucketObservation bucket) {
        if (bucket.bucketStart() <= lastLearned) {
            throw new IllegalArgumentException("buckets must be learned in increasing order");
        }
        newInLast.clear();
        for (EntityKey e : bucket.entities().keySet()) {
            if (seen.add(e)) {
                newInLast.add(e);
            }
        }
        bucketsLearned++;
        lastLearned = bucket.bucketStart();
        lastBucket = bucket;
    }

    @Override
    public long lastLearnedBucket() {
        return lastLearned;
    }

    @Override
    public BucketObservation lastBucket() {
        return lastBucket;
    }

    @Override
    public List<ScoredEntity> score(BucketObservation bucket) {
        if (bucket.bucketStart() != lastLearned) {
            throw new IllegalArgumentException("score only the bucket just learned");
        }
        List<ScoredEntity> out = new ArrayList<>();
        for (EntityKey e : bucket.entities().keySet()) {
            out.add(verdict(e, newInLast.contains(e), bucket.bucketStart()));
        }
        return out;
    }

    @Override
    public Optional<ScoredEntity> scoreInterim(BucketObservation openBucketSoFar, EntityKey entity) {
        return seen.contains(entity) || bucketsLearned < config.warmupBuckets() ? Optional.empty()
                : Optional.of(verdict(entity, true, openBucketSoFar.bucketStart()));
    }

    private ScoredEntity verdict(EntityKey entity, boolean isNew, long bucketStart) {
        boolean anomalous = isNew && bucketsLearned > config.warmupBuckets();
        double p = anomalous ? config.probability() : 1.0;
        Explanation why = new Explanation(null, null, bucketsLearned, isNew, null, null, null, null, null, null, null,
                null, isNew ? "first time ever seen" : "seen before");
        return new ScoredEntity(entity, bucketStart, p, anomalous ? -Math.log10(p) : 0, anomalous, why);
    }

    @Override
    public int entityCount() {
        return seen.size();
    }

    @Override
    public MemoryStatus memoryStatus() {
        return MemoryStatus.ok;
    }

    @Override
    public long evictions() {
        return 0;
    }

    @Override
    public JsonNode snapshot() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("buckets_learned", bucketsLearned);
        root.put("last_learned", lastLearned);
        seen.forEach(e -> root.withArray("seen").addObject().put("partition", e.partitionValue()).put("by", e.byValue()));
        newInLast.forEach(e -> root.withArray("new_in_last").addObject().put("partition", e.partitionValue()).put("by", e.byValue()));
        lastBucket.entities().forEach((e, a) -> root.withArray("last_bucket").addObject()
                .put("partition", e.partitionValue()).put("by", e.byValue()).put("count", a.eventCount())
                .set("hosts", JsonNodeFactory.instance.arrayNode().addAll(new TreeSet<>(a.hosts()).stream()
                        .map(JsonNodeFactory.instance::textNode).toList())));
        return root;
    }

    void restore(JsonNode state) {
        bucketsLearned = state.path("buckets_learned").asLong();
        lastLearned = state.path("last_learned").asLong(Long.MIN_VALUE);
        state.path("seen").forEach(n -> seen.add(key(n)));
        state.path("new_in_last").forEach(n -> newInLast.add(key(n)));
        TreeMap<EntityKey, BucketObservation.EntityActivity> last = new TreeMap<>();
        state.path("last_bucket").forEach(n -> {
            Set<String> hosts = new TreeSet<>();
            n.path("hosts").forEach(h -> hosts.add(h.asText()));
            last.put(key(n), new BucketObservation.EntityActivity(n.path("count").asLong(), hosts));
        });
        lastBucket = new BucketObservation(lastLearned, last);
    }

    private static EntityKey key(JsonNode n) {
        return new EntityKey(n.path("partition").asText(), n.path("by").asText());
    }
}
