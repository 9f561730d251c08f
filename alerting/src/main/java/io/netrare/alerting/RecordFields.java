package io.netrare.alerting;

import io.netrare.schema.AnomalyRecord;

import java.util.List;

/**
 * The values of a named field on an anomaly record: ECS influencer fields ({@code host.name},
 * {@code process.name}, {@code user.name}, {@code destination.ip}, ...) and the record's own fields
 * ({@code job_id}, {@code by_field_value}, ...). The by/partition values count for their ECS field too,
 * so {@code process.name} works even when a model lists no process influencer.
 */
public final class RecordFields {

    private RecordFields() {
    }

    public static List<String> values(AnomalyRecord record, String field) {
        return switch (field) {
            case "job_id" -> single(record.jobId());
            case "record_id" -> single(record.recordId());
            case "by_field_name" -> single(record.byFieldName());
            case "by_field_value" -> single(record.byFieldValue());
            case "partition_field_name" -> single(record.partitionFieldName());
            case "partition_field_value" -> single(record.partitionFieldValue());
            case "function" -> single(record.function());
            case "model" -> single(record.model());
            default -> ecs(record, field);
        };
    }

    private static List<String> ecs(AnomalyRecord record, String field) {
        List<String> influencer = record.influencerValues(field);
        if (!influencer.isEmpty()) {
            return influencer;
        }
        if (field.equals(record.byFieldName()) && record.byFieldValue() != null) {
            return List.of(record.byFieldValue());
        }
        if (field.equals(record.partitionFieldName()) && record.partitionFieldValue() != null) {
            return List.of(record.partitionFieldValue());
        }
        return List.of();
    }

    private static List<String> single(String value) {
        return value == null ? List.of() : List.of(value);
    }
}
