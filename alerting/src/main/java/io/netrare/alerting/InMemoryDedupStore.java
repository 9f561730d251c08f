package io.netrare.alerting;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A dedup store in memory, for tests and for a service that restores it from Kafka on start. */
public final class InMemoryDedupStore implements DedupStore {

    private final Set<String> ids = ConcurrentHashMap.newKeySet();

    @Override
    public boolean add(String alertId) {
        return ids.add(alertId);
    }

    @Override
    public boolean contains(String alertId) {
        return ids.contains(alertId);
    }

    @Override
    public long size() {
        return ids.size();
    }
}
