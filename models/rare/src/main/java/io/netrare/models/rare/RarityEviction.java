package io.netrare.models.rare;

import io.netrare.schema.spi.BucketObservation;
import io.netrare.schema.spi.EntityKey;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Keeps a {@link RarityModel} under its entity cap: first every entity not seen for the configured idle time, then
 * the least recently seen (oldest last-seen bucket; ties by smaller decayed count, then by key), so eviction is
 * deterministic and the rare values that are still active are kept. Entities present in the bucket just learned
 * are never evicted (they are about to be scored). It evicts 1% below the cap at once so that the O(n log n)
 * selection runs rarely during a cardinality flood. Evicted keys are remembered (a bounded, oldest-first list), so
 * one that comes back is explained as returning rather than as a first occurrence.
 */
final class RarityEviction {

    private record Candidate(EntityKey key, double decayed, long lastSeen) {
    }

    private static final Comparator<Candidate> LEAST_RECENT_FIRST = Comparator
            .comparingLong(Candidate::lastSeen)
            .thenComparingDouble(Candidate::decayed)
            .thenComparing(Candidate::key);

    private final RarityModel model;

    RarityEviction(RarityModel model) {
        this.model = model;
    }

    void evict(BucketObservation justLearned) {
        int cap = model.config.entityCap();
        int target = cap - Math.max(1, cap / 100);
        long t = justLearned.bucketStart();
        long idleBefore = t - model.config.maxIdle().toMillis();
        List<Candidate> candidates = new ArrayList<>(model.entityCount);
        for (Map.Entry<String, Map<String, RareEntity>> p : model.partitions.entrySet()) {
            for (Map.Entry<String, RareEntity> e : p.getValue().entrySet()) {
                if (e.getValue().lastSeen != t) {
                    candidates.add(new Candidate(new EntityKey(p.getKey(), e.getKey()),
                            model.decayedNow(e.getValue()), e.getValue().lastSeen));
                }
            }
        }
        candidates.sort(LEAST_RECENT_FIRST);
        int n = 0;
        for (Candidate c : candidates) {
            boolean idle = c.lastSeen() < idleBefore;
            if (!idle && model.entityCount <= target) {
                break;
            }
            model.remove(c.key());
            model.rememberEvicted(c.key(), t);
            n++;
        }
        model.evictions += n;
    }
}
