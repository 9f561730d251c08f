package io.netrare.alerting;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Alert ids kept per input partition. Every version of an anomaly record lands in one partition (the record
 * id is the key), so the ids of a partition are all its records need. The service {@link #select selects} the
 * partition of the record at hand (or of the state entry being restored, or being expired), {@link #drop drops}
 * a partition when another instance takes it, and reads its state again when it comes back, so ids raised by
 * the other instance meanwhile are known. Not thread-safe: one per consuming thread; only {@link #size} may be
 * read from another thread (a metrics scrape).
 */
public final class PartitionedDedupStore implements DedupStore {

    private final Map<Integer, DedupIds> byPartition = new HashMap<>();
    private DedupIds current;
    private volatile long size;

    /** Makes {@code partition} the one {@link #add}, {@link #contains}, {@link #remove} and {@link #expireBefore} work on. */
    public void select(int partition) {
        current = byPartition.computeIfAbsent(partition, p -> new DedupIds());
    }

    /** The partitions held. */
    public Set<Integer> partitions() {
        return Set.copyOf(byPartition.keySet());
    }

    /** Forgets a partition's ids (it was revoked; its state is read again when it returns). */
    public void drop(int partition) {
        DedupIds removed = byPartition.remove(partition);
        if (removed != null) {
            size -= removed.size();
            if (removed == current) {
                current = null;
            }
        }
    }

    @Override
    public boolean add(String alertId, Instant alertedAt) {
        boolean added = selected().add(alertId, alertedAt);
        if (added) {
            size++;
        }
        return added;
    }

    @Override
    public boolean contains(String alertId) {
        return selected().contains(alertId);
    }

    @Override
    public boolean remove(String alertId) {
        boolean removed = selected().remove(alertId);
        if (removed) {
            size--;
        }
        return removed;
    }

    @Override
    public List<String> expireBefore(Instant cutoff) {
        List<String> expired = selected().expireBefore(cutoff);
        size -= expired.size();
        return expired;
    }

    @Override
    public long size() {
        return size;
    }

    private DedupIds selected() {
        if (current == null) {
            throw new IllegalStateException("no partition selected");
        }
        return current;
    }
}
