package io.netrare.scoring.stream;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Which deltas the models topic still holds, and which of them no restart needs any more: a delta of share
 * <i>s</i> for bucket <i>t</i> is needed by training's restore until the share publishes a snapshot covering
 * <i>t</i>, and by scoring's restore until every events partition's scoring snapshot covers <i>t</i>. Past both,
 * it can be deleted with a tombstone under its key. Fed from the models-topic reader's thread, read from the
 * loop's: synchronized.
 */
public final class DeltaLedger {

    /** A stored delta: where it is, under which key. */
    public record Stored(int topicPartition, byte[] key, int share, long bucket) {
    }

    private final Map<String, Stored> deltas = new HashMap<>();
    private final Map<Integer, Long> trainingSnapshots = new HashMap<>();

    /** A delta read at {@code topicPartition} under {@code key}. */
    synchronized void delta(int topicPartition, byte[] key, int share, long bucket) {
        if (key != null) {
            deltas.put(id(topicPartition, key), new Stored(topicPartition, key, share, bucket));
        }
    }

    /** A training snapshot of a share: its restore needs no delta up to {@code bucket}. */
    synchronized void trainingSnapshot(int share, long bucket) {
        trainingSnapshots.merge(share, bucket, Math::max);
    }

    /** A tombstone read: that key is gone. */
    synchronized void deleted(int topicPartition, byte[] key) {
        if (key != null) {
            deltas.remove(id(topicPartition, key));
        }
    }

    /**
     * Takes the deltas no restart needs once the scoring snapshots of every events partition cover
     * {@code scoringFloor}: those at or before both it and their share's latest training snapshot.
     */
    public synchronized List<Stored> takeDeletable(long scoringFloor) {
        List<Stored> out = new ArrayList<>();
        if (scoringFloor == Long.MIN_VALUE) {
            return out;
        }
        for (Iterator<Stored> it = deltas.values().iterator(); it.hasNext(); ) {
            Stored d = it.next();
            Long trained = trainingSnapshots.get(d.share());
            if (trained != null && d.bucket() <= trained && d.bucket() <= scoringFloor) {
                out.add(d);
                it.remove();
            }
        }
        out.sort(java.util.Comparator.comparingLong(Stored::bucket).thenComparingInt(Stored::share));
        return out;
    }

    /** Deltas known to be on the topic. */
    public synchronized int size() {
        return deltas.size();
    }

    private static String id(int topicPartition, byte[] key) {
        return topicPartition + ":" + new String(key, StandardCharsets.UTF_8);
    }
}
