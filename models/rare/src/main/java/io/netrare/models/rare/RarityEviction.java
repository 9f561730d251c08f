package io.netrare.models.rare;

import io.netrare.schema.spi.BucketObservation;
import io.netrare.schema.spi.EntityKey;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keeps a {@link RarityModel} under its entity cap in the {@link CapEviction} order: first every entity not seen
 * for the configured idle time, then the least recently seen. Entities present in the bucket just learned are
 * never evicted (they are about to be scored). Evicted keys are remembered (a bounded, oldest-first list), so one
 * that comes back is explained as returning rather than as a first occurrence.
 */
final class RarityEviction {

    private final RarityModel model;

    RarityEviction(RarityModel model) {
        this.model = model;
    }

    void evict(BucketObservation justLearned) {
        long t = justLearned.bucketStart();
        List<CapEviction.Candidate<EntityKey>> candidates = new ArrayList<>(model.entityCount);
        for (Map.Entry<String, Map<String, RareEntity>> p : model.partitions.entrySet()) {
            for (Map.Entry<String, RareEntity> e : p.getValue().entrySet()) {
                if (e.getValue().lastSeen != t) {
                    candidates.add(new CapEviction.Candidate<>(new EntityKey(p.getKey(), e.getKey()),
                            model.decayedNow(e.getValue()), e.getValue().lastSeen));
                }
            }
        }
        List<EntityKey> evicted = CapEviction.select(candidates, model.entityCount, model.config.entityCap(),
                t - model.config.maxIdle().toMillis());
        for (EntityKey key : evicted) {
            model.remove(key);
            model.rememberEvicted(key, t);
        }
        model.evictions += evicted.size();
    }
}
