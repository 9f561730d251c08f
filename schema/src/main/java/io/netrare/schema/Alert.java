package io.netrare.schema;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A detection alert raised by a rule on an anomaly record. Influencers are mapped to ECS fields
 * ({@code host.name}, {@code process.name}, {@code user.name}, {@code destination.ip}).
 *
 * @param alertId        stable id: one per (rule, anomaly record), whatever the record's version
 * @param originalTime   start of the anomaly's bucket
 * @param latenessMillis how long after its bucket ended the record reached the alerting service
 * @param late           true when the record came later than the rule's lookback ({@code from}): the
 *                       anchor's scheduled rule would have missed it
 * @param suppressedCount alerts folded into this one by the rule's suppression; an alert is re-published
 *                       with the same alert id and a higher count each time one is folded in
 */
public record Alert(
        @JsonProperty("schema_version") int schemaVersion,
        @JsonProperty("@timestamp") Instant timestamp,
        @JsonProperty("alert_id") String alertId,
        @JsonProperty("original_time") Instant originalTime,
        RuleInfo rule,
        String severity,
        @JsonProperty("risk_score") int riskScore,
        String reason,
        String note,
        AnomalyInfo anomaly,
        EcsHost host,
        EcsProcess process,
        EcsUser user,
        EcsDestination destination,
        @JsonProperty("lateness_ms") long latenessMillis,
        boolean late,
        @JsonProperty("suppressed_count") long suppressedCount) {

    public static final int SCHEMA_VERSION = 1;

    public Alert {
        requireNonNull(alertId, "alertId is null");
        requireNonNull(rule, "rule is null");
    }

    /** A copy carrying another suppressed count and timestamp (the update of a surviving alert). */
    public Alert withSuppressedCount(long count, Instant updatedAt) {
        return new Alert(schemaVersion, updatedAt, alertId, originalTime, rule, severity, riskScore, reason, note,
                anomaly, host, process, user, destination, latenessMillis, late, count);
    }

    /** Key on the alerts topic: rule id and alert id. */
    public String kafkaKey() {
        return rule.ruleId() + "/" + alertId;
    }

    /** Rule metadata copied onto the alert. */
    public record RuleInfo(
            @JsonProperty("rule_id") String ruleId,
            String name,
            String description,
            int version,
            List<String> references,
            List<String> tags,
            List<Threat> threat,
            @JsonProperty("anomaly_threshold") double anomalyThreshold,
            @JsonProperty("machine_learning_job_id") List<String> machineLearningJobIds,
            String interval,
            String from,
            List<String> author,
            String license) {
        public RuleInfo {
            references = references == null ? List.of() : List.copyOf(references);
            tags = tags == null ? List.of() : List.copyOf(tags);
            threat = threat == null ? List.of() : List.copyOf(threat);
            machineLearningJobIds = machineLearningJobIds == null ? List.of() : List.copyOf(machineLearningJobIds);
            author = author == null ? List.of() : List.copyOf(author);
        }
    }

    /** MITRE ATT&CK mapping, as detection-rules writes it. */
    public record Threat(String framework, Ref tactic, List<Technique> technique) {
        public Threat {
            technique = technique == null ? List.of() : List.copyOf(technique);
        }
    }

    /** A tactic, technique or subtechnique reference. */
    public record Ref(String id, String name, String reference) {
    }

    /** A technique with its subtechniques. */
    public record Technique(String id, String name, String reference, List<Ref> subtechnique) {
        public Technique {
            subtechnique = subtechnique == null ? List.of() : List.copyOf(subtechnique);
        }
    }

    /** The anomaly that raised the alert. */
    public record AnomalyInfo(
            @JsonProperty("job_id") String jobId,
            @JsonProperty("record_id") String recordId,
            @JsonProperty("record_version") long recordVersion,
            @JsonProperty("record_score") double recordScore,
            @JsonProperty("initial_record_score") double initialRecordScore,
            double probability,
            @JsonProperty("is_interim") boolean interim,
            @JsonProperty("by_field_name") String byFieldName,
            @JsonProperty("by_field_value") String byFieldValue,
            @JsonProperty("partition_field_name") String partitionFieldName,
            @JsonProperty("partition_field_value") String partitionFieldValue,
            Explanation explanation) {
    }

    /** ECS {@code host}: every host that influenced the record. */
    public record EcsHost(List<String> name) {
    }

    /** ECS {@code process}. */
    public record EcsProcess(List<String> name) {
    }

    /** ECS {@code user}. */
    public record EcsUser(List<String> name) {
    }

    /** ECS {@code destination}. */
    public record EcsDestination(List<String> ip) {
    }
}
