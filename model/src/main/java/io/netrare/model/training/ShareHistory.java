package io.netrare.model.training;

import io.netrare.runtime.kafka.ClientConfigs;
import io.netrare.runtime.kafka.KafkaSettings;
import io.netrare.schema.Json;
import io.netrare.schema.ModelSnapshot;
import io.netrare.schema.spi.SnapshotCheck;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the models topic holds for a job, read once from the beginning to the end: for each share, its
 * latest snapshot and the deltas after it. A restarted or newly assigned training share rebuilds itself
 * from this.
 */
final class ShareHistory {

    private static final Logger LOG = LoggerFactory.getLogger(ShareHistory.class);

    /** One share's latest snapshot (or null) and the deltas of later buckets, oldest first. */
    record Share(ModelSnapshot snapshot, List<ModelSnapshot> deltasAfter, long lastVersion) {
    }

    private final Map<Integer, ModelSnapshot> snapshots = new HashMap<>();
    private final Map<Integer, TreeMap<Long, ModelSnapshot>> deltas = new HashMap<>();
    private final Map<Integer, Long> versions = new HashMap<>();
    private int eventPartitions;
    private int modelPartitions;

    /** How many partitions the models topic has. */
    int modelPartitions() {
        return modelPartitions;
    }

    /** How many partitions the events topic has: the number of shares. */
    int eventPartitions() {
        return eventPartitions;
    }

    static ShareHistory read(KafkaSettings kafka, String topic, String eventsTopic, String jobId, Duration timeout) {
        ShareHistory history = new ShareHistory();
        Map<String, Object> props = ClientConfigs.consumer(kafka, "netrare-model-restore-" + kafka.effectiveInstanceId(),
                null, 2000);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> parts = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic, timeout)) {
                parts.add(new TopicPartition(topic, info.partition()));
            }
            history.eventPartitions = consumer.partitionsFor(eventsTopic, timeout).size();
            history.modelPartitions = parts.size();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!caughtUp(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within " + timeout);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value() != null) {
                        history.add(Json.read(r.value(), ModelSnapshot.class), jobId);
                    }
                }
            }
        }
        return history;
    }

    private static boolean caughtUp(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    void add(ModelSnapshot s, String jobId) {
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

    /**
     * A share's latest snapshot and the deltas after it. A snapshot the running model cannot restore (another model
     * type or format version) fails the check, or with {@code fresh} is left out, so that the share rebuilds from
     * all its deltas: they hold bucket observations, which every model type learns from.
     */
    Share share(int partition, SnapshotCheck check) {
        ModelSnapshot snapshot = snapshots.get(partition);
        if (snapshot != null && !check.restorable(snapshot)) {
            LOG.warn("{}; job.on_snapshot_mismatch is fresh: the share rebuilds from its deltas", check.mismatch(snapshot));
            snapshot = null;
        }
        TreeMap<Long, ModelSnapshot> all = deltas.getOrDefault(partition, new TreeMap<>());
        List<ModelSnapshot> after = new ArrayList<>(snapshot == null ? all.values()
                : all.tailMap(snapshot.bucket(), false).values());
        return new Share(snapshot, after, versions.getOrDefault(partition, 0L));
    }
}
