package io.netrare.alerting;

import java.time.Instant;
import java.util.List;

/** A dedup store in memory, for tests and offline use. Not thread-safe: one per engine. */
public final class InMemoryDedupStore implements DedupStore {

    private final DedupIds ids = new DedupIds();

    @Override
    public boolean add(String alertId, Instant alertedAt) {
        return ids.add(alertId, alertedAt);
    }

    @Override
    public boolean contains(String alertId) {
        return ids.contains(alertId);
    }

    @Override
    public boolean remove(String alertId) {
        return ids.remove(alertId);
    }

    @Override
    public List<String> expireBefore(Instant cutoff) {
        return ids.expireBefore(cutoff);
    }

    @Override
    public long size() {
        return ids.size();
    }
}
