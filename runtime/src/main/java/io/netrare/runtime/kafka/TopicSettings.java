package io.netrare.runtime.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How the topics of a deployment are laid out when created ahead of time ({@code netrare topics create}):
 * partitions, replication, {@code min.insync.replicas} and retention. Topic names are the catalogue's short
 * names: {@code raw}, {@code events}, {@code events.late}, {@code models}, {@code anomalies}, {@code alerts},
 * {@code alerting.state}, {@code ingest.checkpoints}, {@code scoring.snapshots} and {@code dlq} (every dead-letter
 * topic). Compacted topics ({@code models}, {@code alerting.state}, {@code ingest.checkpoints},
 * {@code scoring.snapshots}) keep their entries forever.
 *
 * @param partitions         partitions of every topic not in {@code topicPartitions}
 * @param replicationFactor  replicas of every topic
 * @param minInsyncReplicas  {@code min.insync.replicas} of every topic (writes use {@code acks=all})
 * @param topicPartitions    partitions per topic, overriding {@code partitions}
 * @param retention          {@code retention.ms} per (non-compacted) topic; a topic not listed takes the
 *                           broker's default
 */
public record TopicSettings(int partitions, int replicationFactor, int minInsyncReplicas,
                            Map<String, Integer> topicPartitions, Map<String, Duration> retention) {

    /** The short names {@link #topicPartitions} and {@link #retention} accept. */
    public static final Set<String> TOPICS = Set.of("raw", "events", "events.late", "models", "anomalies", "alerts",
            "alerting.state", "ingest.checkpoints", "scoring.snapshots", "dlq");
    static final Set<String> COMPACTED = Set.of("models", "alerting.state", "ingest.checkpoints", "scoring.snapshots");

    public TopicSettings {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        if (replicationFactor < 1 || replicationFactor > Short.MAX_VALUE) {
            throw new IllegalArgumentException("replication_factor must be at least 1, got " + replicationFactor);
        }
        if (minInsyncReplicas < 1 || minInsyncReplicas > replicationFactor) {
            throw new IllegalArgumentException("min_insync_replicas must be in [1, replication_factor], got "
                    + minInsyncReplicas);
        }
        topicPartitions = topicPartitions == null ? Map.of() : Map.copyOf(topicPartitions);
        retention = retention == null ? Map.of() : Map.copyOf(retention);
        for (Map.Entry<String, Integer> e : topicPartitions.entrySet()) {
            checkTopic("topic_partitions", e.getKey());
            if (e.getValue() == null || e.getValue() < 1) {
                throw new IllegalArgumentException("topic_partitions." + e.getKey() + " must be at least 1");
            }
        }
        for (Map.Entry<String, Duration> e : retention.entrySet()) {
            checkTopic("retention", e.getKey());
            if (COMPACTED.contains(e.getKey())) {
                throw new IllegalArgumentException("retention." + e.getKey() + ": a compacted topic keeps its entries");
            }
            if (e.getValue() == null || e.getValue().isNegative() || e.getValue().isZero()) {
                throw new IllegalArgumentException("retention." + e.getKey() + " must be positive");
            }
        }
    }

    private static void checkTopic(String key, String topic) {
        if (!TOPICS.contains(topic)) {
            throw new IllegalArgumentException(key + "." + topic + ": unknown topic; one of "
                    + String.join(", ", new TreeSet<>(TOPICS)));
        }
    }

    /** Production defaults: 4 partitions, 3 replicas, 2 in sync; single-partition models and dead letters. */
    public static TopicSettings defaults() {
        return new TopicSettings(4, 3, 2,
                Map.of("models", 1, "dlq", 1, "ingest.checkpoints", 1, "scoring.snapshots", 1),
                Map.of("raw", Duration.ofDays(1), "events", Duration.ofDays(7), "events.late", Duration.ofDays(7),
                        "anomalies", Duration.ofDays(30), "alerts", Duration.ofDays(90), "dlq", Duration.ofDays(30)));
    }

    /** One broker, {@code partitions} partitions (one for the ingest checkpoints), the broker's retention: tests and the demo. */
    public static TopicSettings local(int partitions) {
        return new TopicSettings(partitions, 1, 1, Map.of("ingest.checkpoints", 1), Map.of());
    }

    /** The partitions of the topic with this short name. */
    public int partitionsOf(String topic) {
        return topicPartitions.getOrDefault(topic, partitions);
    }
}
