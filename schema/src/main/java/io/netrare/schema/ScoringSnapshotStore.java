package io.netrare.schema;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * What the scoring snapshots topic holds for a job, read from its beginning: per events partition, the parts of
 * the latest snapshot written with that partition's commit. Plain Java; the service reads the topic into it.
 * A record that is not a part is refused ({@link #add} throws) and left out: the service skips and dead-letters it.
 */
public final class ScoringSnapshotStore {

    private final String jobId;
    /** The latest part under each key. */
    private final Map<String, ScoringSnapshotPart> byKey = new HashMap<>();

    public ScoringSnapshotStore(String jobId) {
        this.jobId = requireNonNull(jobId, "jobId is null");
    }

    /**
     * A record of the topic, in offset order; a null value (tombstone) removes its key.
     *
     * @throws IllegalArgumentException when the value is not a snapshot part (nothing is kept of it)
     */
    public void add(byte[] key, byte[] value) {
        if (value == null) {
            if (key != null) {
                byKey.remove(new String(key, StandardCharsets.UTF_8));
            }
            return;
        }
        ScoringSnapshotPart part;
        try {
            part = ScoringSnapshotPart.decode(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a scoring snapshot part: " + e.getMessage(), e);
        }
        if (part.jobId().equals(jobId)) {
            byKey.put(part.key(), part);
        }
    }

    /** Per events partition, the bucket of its latest complete snapshot. */
    public Map<Integer, Long> buckets() {
        Map<Integer, Long> out = new TreeMap<>();
        complete().forEach((partition, parts) -> out.put(partition, parts.get(0).bucket()));
        return out;
    }

    /**
     * The oldest of the partitions' latest snapshots, or {@link Long#MIN_VALUE} when one of the
     * {@code eventPartitions} partitions has none. A partition's snapshot is written with its commit, so no restart
     * resumes before this bucket: the deltas up to it are not needed to rebuild.
     */
    public long floor(int eventPartitions) {
        Map<Integer, Long> buckets = buckets();
        long floor = Long.MAX_VALUE;
        for (int p = 0; p < eventPartitions; p++) {
            Long b = buckets.get(p);
            if (b == null) {
                return Long.MIN_VALUE;
            }
            floor = Math.min(floor, b);
        }
        return eventPartitions == 0 ? Long.MIN_VALUE : floor;
    }

    /** The complete snapshots of buckets at or before {@code upTo}, newest first, one per bucket (their parts in order). */
    public List<List<ScoringSnapshotPart>> atOrBefore(long upTo) {
        TreeMap<Long, List<ScoringSnapshotPart>> byBucket = new TreeMap<>(Comparator.reverseOrder());
        complete().values().forEach(parts -> {
            if (parts.get(0).bucket() <= upTo) {
                byBucket.putIfAbsent(parts.get(0).bucket(), parts);
            }
        });
        return new ArrayList<>(byBucket.values());
    }

    /** True when some partition has a complete snapshot. */
    public boolean any() {
        return !complete().isEmpty();
    }

    /** Per partition, every part of its latest snapshot in order; partitions with a part missing are left out. */
    private Map<Integer, List<ScoringSnapshotPart>> complete() {
        Map<Integer, List<ScoringSnapshotPart>> out = new TreeMap<>();
        for (ScoringSnapshotPart first : byKey.values()) {
            if (first.part() != 0) {
                continue;
            }
            List<ScoringSnapshotPart> parts = new ArrayList<>(first.parts());
            parts.add(first);
            for (int i = 1; i < first.parts(); i++) {
                ScoringSnapshotPart p = byKey.get(ScoringSnapshotPart.key(jobId, first.partition(), i));
                if (p == null || p.bucket() != first.bucket() || p.parts() != first.parts()) {
                    break;
                }
                parts.add(p);
            }
            if (parts.size() == first.parts()) {
                out.put(first.partition(), parts);
            }
        }
        return out;
    }
}
