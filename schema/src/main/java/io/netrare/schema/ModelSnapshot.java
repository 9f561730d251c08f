package io.netrare.schema;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
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
 * @param state          the implementation's state; in a part, a piece of the whole message's state as JSON text
 * @param part           which part of a split message this is, from 0 ({@link ModelParts}); 0 when not split
 * @param parts          how many parts the message was split into, every part says it; 0 when not split (absent in
 *                       JSON: a message that fits the producer's limit is written whole, as before parts existed)
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
        JsonNode state,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) int part,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) int parts) {

    public static final int SCHEMA_VERSION = 1;
    public static final String KIND_SNAPSHOT = "snapshot";
    public static final String KIND_DELTA = "delta";

    @JsonCreator
    public ModelSnapshot {
        requireNonNull(jobId, "jobId is null");
        requireNonNull(modelType, "modelType is null");
        kind = kind == null ? KIND_SNAPSHOT : kind;
        formatVersion = formatVersion == 0 ? 1 : formatVersion;
        if (formatVersion < 0) {
            throw new IllegalArgumentException("model_format_version must be positive, was " + formatVersion);
        }
        if (parts < 0 || part < 0 || (parts == 0 ? part != 0 : part >= parts)) {
            throw new IllegalArgumentException("part " + part + " of " + parts + " is not a part of a message");
        }
    }

    /** A whole message (not split). */
    public ModelSnapshot(int schemaVersion, String jobId, String modelType, int formatVersion, int modelPartition,
                         int partitions, long bucket, long version, String kind, Instant createdAt, JsonNode state) {
        this(schemaVersion, jobId, modelType, formatVersion, modelPartition, partitions, bucket, version, kind,
                createdAt, state, 0, 0);
    }

    /** This message's envelope with another state and part number (a part of it, or the whole it was split from). */
    public ModelSnapshot withState(JsonNode newState, int newPart, int newParts) {
        return new ModelSnapshot(schemaVersion, jobId, modelType, formatVersion, modelPartition, partitions, bucket,
                version, kind, createdAt, newState, newPart, newParts);
    }

    /** True when this is one part of a split message ({@link ModelParts} puts the parts together again). */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isPart() {
        return parts > 0;
    }

    /**
     * Key on the models topic. A snapshot's is job id and model partition, so compaction keeps the latest
     * state of each share; a delta's adds its bucket, so compaction keeps every delta (the scoring service
     * rebuilds its model from them). A part adds {@code /part/<n>} to its message's key, so the parts of one
     * message keep distinct keys and the next snapshot's parts replace the last one's.
     */
    public String kafkaKey() {
        String key = KIND_DELTA.equals(kind) ? jobId + "/" + modelPartition + "/" + bucket : jobId + "/" + modelPartition;
        return parts == 0 ? key : key + "/part/" + part;
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isDelta() {
        return KIND_DELTA.equals(kind);
    }
}
