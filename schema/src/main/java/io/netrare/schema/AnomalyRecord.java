package io.netrare.schema;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A record result, with Elastic's ML field names, plus netrare's record id, version and explanation.
 *
 * <p>The record id is stable across the interim record, the final record and every renormalized
 * update of the same (job, partition value, bucket, by value); {@code version} grows with each of them.
 */
public record AnomalyRecord(
        @JsonProperty("schema_version") int schemaVersion,
        @JsonProperty("record_id") String recordId,
        long version,
        @JsonProperty("job_id") String jobId,
        @JsonProperty("result_type") String resultType,
        /* bucket start, epoch milliseconds, as Elastic writes it */
        long timestamp,
        /* seconds */
        @JsonProperty("bucket_span") long bucketSpan,
        @JsonProperty("detector_index") int detectorIndex,
        String function,
        @JsonProperty("function_description") String functionDescription,
        @JsonProperty("by_field_name") String byFieldName,
        @JsonProperty("by_field_value") String byFieldValue,
        @JsonProperty("partition_field_name") String partitionFieldName,
        @JsonProperty("partition_field_value") String partitionFieldValue,
        double probability,
        @JsonProperty("record_score") double recordScore,
        @JsonProperty("initial_record_score") double initialRecordScore,
        @JsonProperty("is_interim") boolean interim,
        List<Influencer> influencers,
        /* the model implementation that scored it: rare, first_seen, peer_rare */
        String model,
        Explanation explanation,
        /* when the scoring service wrote this version (processing time) */
        @JsonProperty("emitted_at") Instant emittedAt) {

    public static final int SCHEMA_VERSION = 1;
    public static final String RESULT_TYPE = "record";

    public AnomalyRecord {
        requireNonNull(recordId, "recordId is null");
        requireNonNull(jobId, "jobId is null");
        resultType = resultType == null ? RESULT_TYPE : resultType;
        influencers = influencers == null ? List.of() : List.copyOf(influencers);
    }

    /** Elastic's {@code influencers[]} entry of a record. */
    public record Influencer(
            @JsonProperty("influencer_field_name") String fieldName,
            @JsonProperty("influencer_field_values") List<String> fieldValues) {
        public Influencer {
            fieldValues = fieldValues == null ? List.of() : List.copyOf(fieldValues);
        }
    }

    /** Values of one influencer field, or an empty list. */
    public List<String> influencerValues(String fieldName) {
        for (Influencer influencer : influencers) {
            if (influencer.fieldName().equals(fieldName)) {
                return influencer.fieldValues();
            }
        }
        return List.of();
    }

    /** Key on the anomalies topic: job id and record id. */
    public String kafkaKey() {
        return jobId + "/" + recordId;
    }

    /** A copy with another score, version, interim flag and emission time (used by renormalization and finalization). */
    public AnomalyRecord withUpdate(long newVersion, double newRecordScore, boolean newInterim, Instant newEmittedAt) {
        return new AnomalyRecord(schemaVersion, recordId, newVersion, jobId, resultType, timestamp, bucketSpan,
                detectorIndex, function, functionDescription, byFieldName, byFieldValue, partitionFieldName,
                partitionFieldValue, probability, newRecordScore, initialRecordScore, newInterim, influencers, model,
                explanation, newEmittedAt);
    }
}
