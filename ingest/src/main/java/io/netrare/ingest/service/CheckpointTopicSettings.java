package io.netrare.ingest.service;

/**
 * How the file positions' compacted topic ({@code <prefix>.ingest.checkpoints}) is created when missing.
 *
 * @param replicationFactor replicas; -1 takes the broker's {@code default.replication.factor}
 * @param minInsyncReplicas the topic's {@code min.insync.replicas}; -1 takes the broker's
 */
public record CheckpointTopicSettings(int replicationFactor, int minInsyncReplicas) {

    public CheckpointTopicSettings {
        if (replicationFactor == 0 || replicationFactor < -1 || replicationFactor > Short.MAX_VALUE) {
            throw new IllegalArgumentException("replication_factor must be -1 (broker default) or >= 1");
        }
        if (minInsyncReplicas == 0 || minInsyncReplicas < -1) {
            throw new IllegalArgumentException("min_insync_replicas must be -1 (broker default) or >= 1");
        }
        if (replicationFactor > 0 && minInsyncReplicas > replicationFactor) {
            throw new IllegalArgumentException("min_insync_replicas cannot exceed replication_factor");
        }
    }

    public static CheckpointTopicSettings defaults() {
        return new CheckpointTopicSettings(-1, -1);
    }
}
