package io.netrare.model.training;

import io.netrare.schema.Json;
import io.netrare.schema.ModelParts;
import io.netrare.schema.ModelSnapshot;
import io.netrare.schema.spi.ShareDelta;
import io.netrare.schema.spi.SnapshotCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the models topic holds for a job, read once from the beginning to the end: for each share, its
 * latest snapshot and the deltas after it. A restarted or newly assigned training share rebuilds itself
 * from this. Split messages are put together first ({@link ModelParts}): a delta or snapshot counts only once all
 * its parts are in. Plain Java; the service reads the topic into it.
 */
public final class ShareHistory {

    private static final Logger LOG = LoggerFactory.getLogger(ShareHistory.class);

    /**
     * One share's latest snapshot (or null) and the deltas of later buckets, oldest first; {@code storedDeltas} are
     * the keys of every delta of the share on the topic, by bucket (to delete those no restart needs).
     */
    public record Share(ModelSnapshot snapshot, List<ModelSnapshot> deltasAfter, long lastVersion,
                        Map<Long, List<String>> storedDeltas) {

        public Share(ModelSnapshot snapshot, List<ModelSnapshot> deltasAfter, long lastVersion) {
            this(snapshot, deltasAfter, lastVersion, Map.of());
        }
    }

    private final Map<Integer, ModelSnapshot> snapshots = new HashMap<>();
    private final Map<Integer, TreeMap<Long, ModelSnapshot>> deltas = new HashMap<>();
    private final Map<Integer, Long> versions = new HashMap<>();
    private final ModelParts.Assembler parts = new ModelParts.Assembler();
    private final Map<Integer, TreeMap<Long, List<String>>> deltaKeys = new HashMap<>();
    /** Where each delta key is in {@link #deltaKeys}: {share, bucket}. */
    private final Map<String, long[]> keyIndex = new HashMap<>();

    /**
     * A message (or a part of one) read under {@code key}: a delta's key (each part's) is kept, to delete it once no
     * restart needs it.
     */
    public void add(ModelSnapshot s, String jobId, String key) {
        add(s, jobId);
        if (key != null && s.jobId().equals(jobId) && s.isDelta()) {
            List<String> keys = deltaKeys.computeIfAbsent(s.modelPartition(), p -> new TreeMap<>())
                    .computeIfAbsent(s.bucket(), b -> new ArrayList<>());
            if (!keys.contains(key)) {
                keys.add(key);
            }
            keyIndex.put(key, new long[]{s.modelPartition(), s.bucket()});
        }
    }

    /** A tombstone read: that delta is gone. */
    public void deleted(String key) {
        long[] at = keyIndex.remove(key);
        if (at != null) {
            TreeMap<Long, List<String>> byBucket = deltaKeys.get((int) at[0]);
            List<String> keys = byBucket.get(at[1]);
            keys.remove(key);
            if (keys.isEmpty()) {
                byBucket.remove(at[1]);
            }
        }
    }

    /** Adds a message (or a part of one) read from the models topic, in the topic's order. */
    public void add(ModelSnapshot message, String jobId) {
        if (!message.jobId().equals(jobId)) {
            return;
        }
        versions.merge(message.modelPartition(), message.version(), Math::max);
        boolean split = message.isPart();
        parts.add(message).ifPresent(whole -> {
            if (split && whole.isDelta() && Json.mapper().convertValue(whole.state(), ShareDelta.class) == null) {
                throw new IllegalArgumentException("delta of bucket " + whole.bucket() + " has no state");
            }
            add(whole);
        });
    }

    private void add(ModelSnapshot s) {
        if (s.isDelta()) {
            deltas.computeIfAbsent(s.modelPartition(), p -> new TreeMap<>()).put(s.bucket(), s);
        } else {
            ModelSnapshot current = snapshots.get(s.modelPartition());
            if (current == null || s.version() > current.version()) {
                snapshots.put(s.modelPartition(), s);
            }
        }
    }

    /** Leaves out a share's latest snapshot (it does not restore): {@link #share} then gives all its deltas. */
    public void dropSnapshot(int partition) {
        snapshots.remove(partition);
    }

    /**
     * A share's latest snapshot and the deltas after it. A snapshot the running model cannot restore (another model
     * type or format version) fails the check, or with {@code fresh} is left out, so that the share rebuilds from
     * all its deltas: they hold bucket observations, which every model type learns from.
     */
    public Share share(int partition, SnapshotCheck check) {
        ModelSnapshot snapshot = snapshots.get(partition);
        if (snapshot != null && !check.restorable(snapshot)) {
            LOG.warn("{}; job.on_snapshot_mismatch is fresh: the share rebuilds from its deltas", check.mismatch(snapshot));
            snapshot = null;
        }
        TreeMap<Long, ModelSnapshot> all = deltas.getOrDefault(partition, new TreeMap<>());
        List<ModelSnapshot> after = new ArrayList<>(snapshot == null ? all.values()
                : all.tailMap(snapshot.bucket(), false).values());
        return new Share(snapshot, after, versions.getOrDefault(partition, 0L),
                new TreeMap<>(deltaKeys.getOrDefault(partition, new TreeMap<>())));
    }
}
