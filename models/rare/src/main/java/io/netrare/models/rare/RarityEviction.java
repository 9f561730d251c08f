package io.netrare.models.rare;

import io.netrare.schema.spi.BucketObservation;
import io.netrare.schema.spi.EntityKey;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Keeps a {@link RarityModel} under its entity cap by evicting the least-seen entities: smallest decayed
 * count first, ties broken by oldest last-seen bucket, then by key, so eviction is deterministic. Entities
 * present in the bucket just learned are never evicted (they are about to be scored). It evicts 1% below the
 * cap at once so that the O(n log n) selection runs rarely during a cardinality flood.
 */
final class RarityEviction {

    private record Candidate(EntityKey key, double decayed, long lastSeen) {
    }

    private static final Comparator<Candidate> LEAST_SEEN_FIRST = Comparator
            .comparingDouble(Candidate::decayed)
            .thenComparingLong(Candidate::lastSeen)
            .thenComparing(Candidate::key);

    private final RarityModel model;

    RarityEviction(RarityModel model) {
        this.model = model;
    }

    void evictLeastSeen(BucketObservation justLearned) {
        int cap = model.config.entityCap();
        int target = cap - Math.max(1, cap / 100);
        int excess = model.entityCount - target;
        if (excess <= 0) {
            return;
        }
        List<Candidate> candidates = new ArrayList<>(model.entityCount);
        for (Map.Entry<String, Map<String, RareEntity>> p : model.partitions.entrySet()) {
            for (Map.Entry<String, RareEntity> e : p.getValue().entrySet()) {
                if (e.getValue().lastSeen != justLearned.bucketStart()) {
                    candidates.add(new Candidate(new EntityKey(p.getKey(), e.getKey()),
                            model.decayedNow(e.getValue()), e.getValue().lastSeen));
                }
            }
        }
        candidates.sort(LEAST_SEEN_FIRST);
        int n = Math.min(excess, candidates.size());
        for (int i = 0; i < n; i++) {
            model.remove(candidates.get(i).key());
        }
        model.evictions += n;
    }
}
