package io.netrare.models.firstseen;

import io.netrare.models.rare.CapEviction;
import io.netrare.models.rare.RaritySnapshots;
import io.netrare.models.rare.RawScores;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netrare.schema.Explanation;
import io.netrare.schema.spi.AnomalyModel;
import io.netrare.schema.spi.BucketObservation;
import io.netrare.schema.spi.EntityKey;
import io.netrare.schema.spi.JobSpec;
import io.netrare.schema.spi.ScoredEntity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * A process's first network activity on a host within a history window, as Elastic's "new terms" rules
 * find it. An entity (partition, process) is anomalous in a bucket when one of its hosts had not run it
 * within the window; it then gets the configured fixed probability, so records have the rare model's shape.
 */
public final class FirstSeenModel implements AnomalyModel {

    public static final String TYPE = "first_seen";
    private static final char SEP = '\u001f';

    private final JobSpec job;
    private final FirstSeenConfig config;
    /** partition SEP process SEP host -> {firstSeen, lastSeen, previousSeen}. */
    final Map<String, long[]> pairs = new HashMap<>();
    long firstLearned = Long.MIN_VALUE;
    long lastLearned = Long.MIN_VALUE;
    BucketObservation lastBucket = BucketObservation.empty(Long.MIN_VALUE);
    long evictions;

    public FirstSeenModel(JobSpec job, FirstSeenConfig config) {
        this.job = requireNonNull(job, "job is null");
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    public String type() {
        return TYPE;
    }

    private static Set<String> hosts(BucketObservation.EntityActivity a) {
        return a.hosts().isEmpty() ? Set.of("") : a.hosts();
    }

    private static String key(EntityKey e, String host) {
        return e.partitionValue() + SEP + e.byValue() + SEP + host;
    }

    @Override
    public void learn(BucketObservation bucket) {
        long t = bucket.bucketStart();
        if (lastLearned != Long.MIN_VALUE && t <= lastLearned) {
            throw new IllegalArgumentException("bucket " + t + " is not after " + lastLearned);
        }
        bucket.entities().forEach((e, a) -> {
            for (String host : hosts(a)) {
                long[] s = pairs.get(key(e, host));
                if (s == null) {
                    pairs.put(key(e, host), new long[]{t, t, Long.MIN_VALUE});
                } else {
                    s[2] = s[1];
                    s[1] = t;
                }
            }
        });
        firstLearned = firstLearned == Long.MIN_VALUE ? t : firstLearned;
        lastLearned = t;
        lastBucket = bucket;
        if (pairs.size() > config.entityCap()) {
            evictOldest(t);
        }
    }

    /** The least recently seen pairs (ties by key), never one of the bucket just learned; no idle rule. */
    private void evictOldest(long t) {
        List<CapEviction.Candidate<String>> all = new ArrayList<>(pairs.size());
        pairs.forEach((k, s) -> {
            if (s[1] != t) {
                all.add(new CapEviction.Candidate<>(k, 0, s[1]));
            }
        });
        for (String k : CapEviction.select(all, pairs.size(), config.entityCap(), Long.MIN_VALUE)) {
            pairs.remove(k);
            evictions++;
        }
    }

    private boolean warmedUp(long t) {
        return firstLearned != Long.MIN_VALUE && t - firstLearned >= config.warmup().toMillis();
    }

    private boolean isNew(long previousSeen, long t) {
        return previousSeen == Long.MIN_VALUE || t - previousSeen > config.historyWindow().toMillis();
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
        long t = bucket.bucketStart();
        List<ScoredEntity> out = new ArrayList<>();
        bucket.entities().forEach((e, a) -> {
            List<String> newHosts = new ArrayList<>();
            long firstSeen = t;
            Long lastSeen = null;
            for (String host : new java.util.TreeSet<>(hosts(a))) {
                long[] s = pairs.get(key(e, host));
                if (s == null || isNew(s[2], t)) {
                    newHosts.add(host);
                }
                if (s != null) {
                    firstSeen = Math.min(firstSeen, s[0]);
                    lastSeen = s[2] == Long.MIN_VALUE ? lastSeen : (Long) Math.max(lastSeen == null ? s[2] : lastSeen, s[2]);
                }
            }
            out.add(scored(e, t, !newHosts.isEmpty() && warmedUp(t), newHosts, firstSeen, lastSeen));
        });
        return out;
    }

    private ScoredEntity scored(EntityKey e, long t, boolean anomalous, List<String> newHosts, long firstSeen, Long lastSeen) {
        double p = anomalous ? config.probability() : 1.0;
        Explanation ex = null;
        if (anomalous) {
            long inModel = (t - firstLearned) / job.bucketSpanMillis() + 1;
            ex = new Explanation(null, null, inModel, true, Instant.ofEpochMilli(firstSeen),
                    lastSeen == null ? null : Instant.ofEpochMilli(lastSeen), null, List.of(), null, null, null, null,
                    job.byFieldName() + " '" + e.byValue() + "' made its first network activity within "
                            + config.historyWindow().toDays() + "d on host(s) " + newHosts);
        }
        return new ScoredEntity(e, t, p, RawScores.anomalyScore(p), anomalous, ex);
    }

    @Override
    public Optional<ScoredEntity> scoreInterim(BucketObservation openBucketSoFar, EntityKey entity) {
        long t = openBucketSoFar.bucketStart();
        BucketObservation.EntityActivity a = openBucketSoFar.entities().get(entity);
        if (a == null || t <= lastLearned || !warmedUp(t)) {
            return Optional.empty();
        }
        List<String> newHosts = new ArrayList<>();
        for (String host : new java.util.TreeSet<>(hosts(a))) {
            long[] s = pairs.get(key(entity, host));
            if (s == null || isNew(s[1], t)) {
                newHosts.add(host);
            }
        }
        return newHosts.isEmpty() ? Optional.empty() : Optional.of(scored(entity, t, true, newHosts, t, null));
    }

    @Override
    public int entityCount() {
        return pairs.size();
    }

    @Override
    public MemoryStatus memoryStatus() {
        return pairs.size() >= config.entityCap() ? MemoryStatus.hard_limit
                : pairs.size() >= 0.9 * config.entityCap() ? MemoryStatus.soft_limit : MemoryStatus.ok;
    }

    @Override
    public long evictions() {
        return evictions;
    }

    @Override
    public JsonNode snapshot() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("type", TYPE);
        root.put("first_learned", firstLearned);
        root.put("last_learned", lastLearned);
        root.put("evictions", evictions);
        ArrayNode rows = root.putArray("pairs");
        new TreeMap<>(pairs).forEach((k, v) -> rows.addArray().add(k).add(v[0]).add(v[1]).add(v[2]));
        root.set("last_bucket", RaritySnapshots.writeBucket(lastBucket));
        return root;
    }

    void restore(JsonNode state) {
        firstLearned = state.path("first_learned").asLong();
        lastLearned = state.path("last_learned").asLong();
        evictions += state.path("evictions").asLong();
        for (JsonNode r : state.path("pairs")) {
            if (pairs.put(r.get(0).asText(), new long[]{r.get(1).asLong(), r.get(2).asLong(), r.get(3).asLong()}) != null) {
                throw new IllegalArgumentException("pair " + r.get(0).asText() + " is in more than one share");
            }
        }
        lastBucket = RaritySnapshots.readBucket(state.path("last_bucket"));
    }
}
