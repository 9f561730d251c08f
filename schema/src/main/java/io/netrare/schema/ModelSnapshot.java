package io.netrare.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * Envelope of a model's state on the compacted models topic. The state itself is the model
 * implementation's own JSON; the envelope says whose it is and what it covers.
 *
 * @param jobId          the job
 * @param modelType      the implementation that wrote the state (rare, first_seen, peer_rare)
 * @param formatVersion  the version of that implementation's state format ({@code ModelProvider.formatVersion()});
 *                       absent in JSON written before versions existed, which is read as 1
 * @param modelPartition which share of the by values this state holds (the events-topic partition)
 * @param partitions     how many shares make the whole model
 * @param bucket         start (epoch ms) of the last bucket learned into this state
 * @param version        grows by one with every publication of this share
 * @param kind           {@code snapshot} (whole state of the share) or {@code delta}
 * @param state          the implementation's state
 */
public record ModelSnapshot(
        @JsonProperty("schema_version") int schemaVersion,
        @JsonProperty("job_id") String jobId,
        @JsonProperty("model_type") String modelType,
        @JsonProperty("model_format_version") int formatVersion,
        @JsonProperty("model_partition") int modelPartition,
        int partitions,
        long bucket,
        long version,
        String kind,
        @JsonProperty("created_at") Instant createdAt,
        JsonNode state) {

    public static final int SCHEMA_VERSION = 1;
    public static final String KIND_SNAPSHOT = "snapshot";
    public static final String KIND_DELTA = "delta";

    public ModelSnapshot {
        requireNonNull(jobId, "jobId is null");
        requireNonNull(modelType, "modelType is null");
        kind = kind == null ? KIND_SNAPSHOT : kind;
        formatVersion = formatVersion == 0 ? 1 : formatVersion;
        if (formatVersion < 0) {
            throw new IllegalArgumentException("model_format_version must be positive, was " + formatVersion);
        }
    }

    /**
     * Key on the models topic. A snapshot's is job id and model partition, so compaction keeps the latest
     * state of each share; a delta's adds its bucket, so compaction keeps every delta (the scoring service
     * rebuilds its model from them).
     */
    public String kafkaKey() {
        return KIND_DELTA.equals(kind) ? jobId + "/" + modelPartition + "/" + bucket : jobId + "/" + modelPartition;
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isDelta() {
        return KIND_DELTA.equals(kind);
    }
}
