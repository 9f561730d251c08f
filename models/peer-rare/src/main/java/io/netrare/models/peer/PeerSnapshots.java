package io.netrare.models.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netrare.models.rare.RaritySnapshots;
import io.netrare.schema.spi.AnomalyModel;
import io.netrare.schema.spi.BucketObservation;
import io.netrare.schema.spi.EntityKey;
import io.netrare.schema.spi.JobSpec;
import java.util.List;
import java.util.TreeMap;

/**
 * The peer_rare state as JSON (sorted, so equal models give equal bytes), its restore, and the merge of shares.
 * The peer groups of the current period are published with the state; they are a function of it, so a reader
 * may use them or recompute them and get the same.
 */
final class PeerSnapshots {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private PeerSnapshots() {
    }

    static JsonNode write(PeerRareModel m) {
        return write(m, true);
    }

    /** With or without the peer groups (a share's groups are partial, so merging does not ask for them). */
    static JsonNode write(PeerRareModel m, boolean withGroups) {
        ObjectNode root = F.objectNode();
        root.put("type", PeerRareModel.TYPE);
        root.put("format", 1);
        root.put("first_learned", m.firstLearned);
        root.put("last_learned", m.lastLearned);
        root.put("evictions", m.evictions);
        root.put("memory_status", m.status.name());
        ArrayNode rows = root.putArray("processes");
        m.partitions.forEach((partition, processes) -> processes.forEach((process, ps) -> {
            ArrayNode r = rows.addArray().add(partition).add(process).add(ps.decayed).add(ps.firstSeen)
                    .add(ps.lastSeen).add(ps.previousSeen).add(ps.buckets);
            ArrayNode hosts = r.addArray();
            ps.hosts.forEach((host, p) -> {
                ArrayNode h = hosts.addArray().add(host).add(p.decayed).add(p.firstSeen).add(p.lastSeen).add(p.buckets)
                        .add(p.boundaryMark).add(p.boundaryValue);
                ArrayNode runs = h.addArray();
                for (long run : p.runs) {
                    runs.add(run);
                }
            });
        }));
        root.set("last_bucket", writeBucket(m.lastBucket));
        if (withGroups && m.lastLearned != Long.MIN_VALUE) {
            ObjectNode groups = root.putObject("peer_groups");
            groups.put("boundary", m.boundary(m.lastLearned));
            ObjectNode byPartition = groups.putObject("partitions");
            for (String partition : m.partitions.keySet()) {
                ObjectNode assignment = byPartition.putObject(partition);
                m.peerGroups(partition).assignment().forEach(assignment::put);
            }
        }
        return root;
    }

    static PeerRareModel read(JobSpec job, PeerRareConfig config, JsonNode state) {
        PeerRareModel m = new PeerRareModel(job, config);
        readInto(m, state);
        m.firstLearned = state.path("first_learned").asLong(Long.MIN_VALUE);
        m.lastLearned = state.path("last_learned").asLong(Long.MIN_VALUE);
        m.evictions = state.path("evictions").asLong();
        m.status = AnomalyModel.MemoryStatus.valueOf(state.path("memory_status").asText("ok"));
        m.lastBucket = readBucket(state.path("last_bucket"));
        JsonNode groups = state.path("peer_groups");
        if (groups.isObject() && groups.path("boundary").asLong() == m.boundary(m.lastLearned)) {
            m.groupsBoundary = groups.path("boundary").asLong();
            groups.path("partitions").fields().forEachRemaining(p -> {
                TreeMap<String, String> assignment = new TreeMap<>();
                p.getValue().fields().forEachRemaining(e -> assignment.put(e.getKey(), e.getValue().asText()));
                m.groups.put(p.getKey(), PeerGroups.of(assignment));
            });
        }
        return m;
    }

    private static void readInto(PeerRareModel m, JsonNode state) {
        for (JsonNode r : state.path("processes")) {
            ProcessState ps = new ProcessState(r.get(2).asDouble(), r.get(3).asLong(), r.get(4).asLong(), r.get(6).asLong());
            ps.previousSeen = r.get(5).asLong();
            for (JsonNode h : r.get(7)) {
                PairState p = new PairState(h.get(1).asDouble(), h.get(2).asLong(), h.get(3).asLong(), h.get(4).asLong());
                p.boundaryMark = h.get(5).asLong();
                p.boundaryValue = h.get(6).asDouble();
                long[] runs = new long[h.get(7).size()];
                for (int i = 0; i < runs.length; i++) {
                    runs[i] = h.get(7).get(i).asLong();
                }
                p.runs = runs;
                ps.hosts.put(h.get(0).asText(), p);
            }
            ProcessState old = m.partitions.computeIfAbsent(r.get(0).asText(), k -> new TreeMap<>()).put(r.get(1).asText(), ps);
            if (old != null) {
                throw new IllegalArgumentException("entity " + r.get(0).asText() + "/" + r.get(1).asText()
                        + " is in more than one share");
            }
            m.pairCount += ps.hosts.size();
        }
    }

    /** The model one instance would have built: the union of the shares' entities; peer groups recomputed from it. */
    static PeerRareModel merge(JobSpec job, PeerRareConfig config, List<PeerRareModel> shares) {
        PeerRareModel m = new PeerRareModel(job, config);
        TreeMap<EntityKey, BucketObservation.EntityActivity> last = new TreeMap<>();
        for (PeerRareModel share : shares) {
            readInto(m, write(share, false));
            m.evictions += share.evictions;
            if (share.firstLearned != Long.MIN_VALUE) {
                m.firstLearned = m.firstLearned == Long.MIN_VALUE ? share.firstLearned : Math.min(m.firstLearned, share.firstLearned);
                m.lastLearned = Math.max(m.lastLearned, share.lastLearned);
            }
        }
        for (PeerRareModel share : shares) {
            if (share.lastBucket.bucketStart() == m.lastLearned) {
                last.putAll(share.lastBucket.entities());
            }
        }
        m.lastBucket = new BucketObservation(m.lastLearned, last);
        // a share that learned less recently pruned at an earlier cutoff; one instance would have pruned at this one
        if (m.lastLearned != Long.MIN_VALUE) {
            m.prune(m.lastLearned);
        }
        int cap = config.entityCap();
        m.status = m.pairCount >= cap ? AnomalyModel.MemoryStatus.hard_limit
                : m.pairCount >= config.softLimitFraction() * cap ? AnomalyModel.MemoryStatus.soft_limit
                : AnomalyModel.MemoryStatus.ok;
        return m;
    }

    /** peer_rare's snapshots name the bucket's start {@code bucket_start}. */
    private static ObjectNode writeBucket(BucketObservation b) {
        return RaritySnapshots.writeBucket(b, "bucket_start");
    }

    private static BucketObservation readBucket(JsonNode node) {
        return RaritySnapshots.readBucket(node, "bucket_start");
    }
}
