package io.netrare.model.training;

import io.netrare.schema.ModelSnapshot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the models topic holds for a job, read once from the beginning to the end: for each share, its
 * latest snapshot and the deltas after it. A restarted or newly assigned training share rebuilds itself
 * from this. Plain Java; the service reads the topic into it.
 */
public final class ShareHistory {

    /** One share's latest snapshot (or null) and the deltas of later buckets, oldest first. */
    public record Share(ModelSnapshot snapshot, List<ModelSnapshot> deltasAfter, long lastVersion) {
    }

    private final Map<Integer, ModelSnapshot> snapshots = new HashMap<>();
    private final Map<Integer, TreeMap<Long, ModelSnapshot>> deltas = new HashMap<>();
    private final Map<Integer, Long> versions = new HashMap<>();

    public void add(ModelSnapshot s, String jobId) {
        if (!s.jobId().equals(jobId)) {
            return;
        }
        versions.merge(s.modelPartition(), s.version(), Math::max);
        if (s.isDelta()) {
            deltas.computeIfAbsent(s.modelPartition(), p -> new TreeMap<>()).put(s.bucket(), s);
        } else {
            ModelSnapshot current = snapshots.get(s.modelPartition());
            if (current == null || s.version() > current.version()) {
                snapshots.put(s.modelPartition(), s);
            }
        }
    }

    public Share share(int partition) {
        ModelSnapshot snapshot = snapshots.get(partition);
        TreeMap<Long, ModelSnapshot> all = deltas.getOrDefault(partition, new TreeMap<>());
        List<ModelSnapshot> after = new ArrayList<>(snapshot == null ? all.values()
                : all.tailMap(snapshot.bucket(), false).values());
        return new Share(snapshot, after, versions.getOrDefault(partition, 0L));
    }
}
