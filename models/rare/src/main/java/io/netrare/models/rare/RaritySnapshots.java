package io.netrare.models.rare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netrare.schema.spi.AnomalyModel.MemoryStatus;
import io.netrare.schema.spi.BucketObservation;
import io.netrare.schema.spi.EntityKey;
import io.netrare.schema.spi.JobSpec;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The rare model's state as JSON: deterministic (entities sorted; doubles written in their shortest exact
 * form, so restore is bit-exact), and the contents of the last bucket learned, which the scoring side needs
 * to score it.
 */
public final class RaritySnapshots {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private RaritySnapshots() {
    }

    static JsonNode write(RarityModel m) {
        ObjectNode root = F.objectNode();
        root.put("type", RarityModel.TYPE);
        root.put("format", 1);
        root.put("lambda", m.lambda);
        root.put("first_learned", m.firstLearned);
        root.put("last_learned", m.lastLearned);
        root.put("evictions", m.evictions);
        root.put("memory_status", m.status.name());
        ArrayNode entities = root.putArray("entities");
        m.sortedEntities().forEach((k, e) -> entities.addArray().add(k.partitionValue()).add(k.byValue())
                .add(e.decayed).add(e.firstSeen).add(e.lastSeen).add(e.previousSeen).add(e.buckets).add(e.evictedAt));
        ArrayNode evicted = root.putArray("evicted");
        m.evicted.forEach((k, t) -> evicted.addArray().add(k.partitionValue()).add(k.byValue()).add(t));
        root.set("last_bucket", writeBucket(m.lastBucket));
        return root;
    }

    /** A bucket's contents as the rare and first_seen snapshots hold them (its start under {@code bucket}). */
    public static ObjectNode writeBucket(BucketObservation b) {
        return writeBucket(b, "bucket");
    }

    /** A bucket's contents, its start under {@code startField}: entities sorted, each with its count and hosts. */
    public static ObjectNode writeBucket(BucketObservation b, String startField) {
        ObjectNode node = F.objectNode();
        node.put(startField, b.bucketStart());
        ArrayNode entities = node.putArray("entities");
        b.entities().forEach((k, a) -> {
            ArrayNode row = entities.addArray().add(k.partitionValue()).add(k.byValue()).add(a.eventCount());
            ArrayNode hosts = row.addArray();
            new TreeSet<>(a.hosts()).forEach(hosts::add);
        });
        return node;
    }

    public static BucketObservation readBucket(JsonNode node) {
        return readBucket(node, "bucket");
    }

    /** The bucket {@link #writeBucket(BucketObservation, String)} wrote. */
    public static BucketObservation readBucket(JsonNode node, String startField) {
        TreeMap<EntityKey, BucketObservation.EntityActivity> entities = new TreeMap<>();
        for (JsonNode row : node.path("entities")) {
            TreeSet<String> hosts = new TreeSet<>();
            row.get(3).forEach(h -> hosts.add(h.asText()));
            entities.put(new EntityKey(row.get(0).asText(), row.get(1).asText()),
                    new BucketObservation.EntityActivity(row.get(2).asLong(), hosts));
        }
        return new BucketObservation(node.path(startField).asLong(Long.MIN_VALUE), entities);
    }

    static RarityModel read(JobSpec job, RareModelConfig config, JsonNode state) {
        if (!RarityModel.TYPE.equals(state.path("type").asText())) {
            throw new IllegalArgumentException("not a rare model state: type " + state.path("type"));
        }
        RarityModel m = new RarityModel(job, config);
        m.firstLearned = state.path("first_learned").asLong();
        m.lastLearned = state.path("last_learned").asLong();
        m.evictions = state.path("evictions").asLong();
        m.status = MemoryStatus.valueOf(state.path("memory_status").asText("ok"));
        for (JsonNode row : state.path("entities")) {
            RareEntity e = new RareEntity(row.get(2).asDouble(),
                    row.get(3).asLong(), row.get(4).asLong(), row.get(5).asLong(), row.get(6).asLong());
            e.evictedAt = row.size() > 7 ? row.get(7).asLong() : Long.MIN_VALUE;
            m.put(new EntityKey(row.get(0).asText(), row.get(1).asText()), e);
        }
        for (JsonNode row : state.path("evicted")) {
            m.evicted.put(new EntityKey(row.get(0).asText(), row.get(1).asText()), row.get(2).asLong());
        }
        m.lastBucket = readBucket(state.path("last_bucket"));
        return m;
    }

    /** Union of disjoint shares that learned up to the same bucket. */
    static RarityModel merge(JobSpec job, RareModelConfig config, List<RarityModel> shares) {
        RarityModel m = new RarityModel(job, config);
        TreeMap<EntityKey, BucketObservation.EntityActivity> last = new TreeMap<>();
        for (RarityModel s : shares) {
            if (m.lastLearned != Long.MIN_VALUE && s.lastLearned != Long.MIN_VALUE && s.lastLearned != m.lastLearned) {
                throw new IllegalArgumentException("shares learned up to different buckets: " + s.lastLearned
                        + " and " + m.lastLearned);
            }
            if (s.firstLearned != Long.MIN_VALUE) {
                m.firstLearned = m.firstLearned == Long.MIN_VALUE ? s.firstLearned : Math.min(m.firstLearned, s.firstLearned);
                m.lastLearned = s.lastLearned;
            }
            m.evictions += s.evictions;
            if (s.status.compareTo(m.status) > 0) {
                m.status = s.status;
            }
            for (Map.Entry<EntityKey, RareEntity> e : s.sortedEntities().entrySet()) {
                RareEntity x = e.getValue();
                RareEntity copy = new RareEntity(x.decayed, x.firstSeen, x.lastSeen, x.previousSeen, x.buckets);
                copy.evictedAt = x.evictedAt;
                m.put(e.getKey(), copy);
            }
            m.evicted.putAll(s.evicted);
        }
        for (RarityModel s : shares) {
            if (s.lastBucket.bucketStart() == m.lastLearned) {
                last.putAll(s.lastBucket.entities());
            }
        }
        m.lastBucket = new BucketObservation(m.lastLearned, last);
        return m;
    }
}
