package io.netrare.alerting;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Alert ids kept per input partition. Every version of an anomaly record lands in one partition (the record
 * id is the key), so the ids of a partition are all its records need. The service {@link #select selects} the
 * partition of the record at hand (or of the state entry being restored), {@link #drop drops} a partition
 * when another instance takes it, and reads its state again when it comes back, so ids raised by the other
 * instance meanwhile are known. Not thread-safe: one per consuming thread.
 */
public final class PartitionedDedupStore implements DedupStore {

    private final Map<Integer, Set<String>> byPartition = new HashMap<>();
    private Set<String> current;

    /** Makes {@code partition} the one {@link #add} and {@link #contains} work on. */
    public void select(int partition) {
        current = byPartition.computeIfAbsent(partition, p -> new HashSet<>());
    }

    /** Forgets a partition's ids (it was revoked; its state is read again when it returns). */
    public void drop(int partition) {
        Set<String> removed = byPartition.remove(partition);
        if (removed != null && removed == current) {
            current = null;
        }
    }

    @Override
    public boolean add(String alertId) {
        return selected().add(alertId);
    }

    @Override
    public boolean contains(String alertId) {
        return selected().contains(alertId);
    }

    @Override
    public long size() {
        return byPartition.values().stream().mapToLong(Set::size).sum();
    }

    private Set<String> selected() {
        if (current == null) {
            throw new IllegalStateException("no partition selected");
        }
        return current;
    }
}
