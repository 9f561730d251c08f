package io.netrare.schema.spi;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * Reads the model-agnostic part of an Elastic anomaly-detection job JSON (as Kibana's data recognizer
 * modules ship them, or as {@code GET _ml/anomaly_detectors} returns them) into a {@link JobSpec}.
 * Only the first detector is used; netrare jobs have one.
 */
public final class ElasticJobs {

    private ElasticJobs() {
    }

    /**
     * @param job          the job JSON
     * @param defaultJobId the id to use when the JSON has no {@code job_id} (Kibana module files name it by file)
     * @throws IllegalArgumentException when the JSON lacks an analysis config, a detector or a by field
     */
    public static JobSpec read(JsonNode job, String defaultJobId) {
        requireNonNull(job, "job is null");
        String jobId = text(job, "job_id", defaultJobId == null ? JobSpec.DEFAULT_JOB_ID : defaultJobId);
        JsonNode analysis = job.path("analysis_config");
        if (!analysis.isObject()) {
            throw new IllegalArgumentException("job " + jobId + " has no analysis_config");
        }
        JsonNode detector = analysis.path("detectors").path(0);
        if (!detector.isObject()) {
            throw new IllegalArgumentException("job " + jobId + " has no detector");
        }
        String byField = text(detector, "by_field_name", null);
        if (byField == null) {
            throw new IllegalArgumentException("job " + jobId + ": detector has no by_field_name");
        }
        Duration span = parseTimeValue(text(analysis, "bucket_span", "15m"));
        List<String> influencers = new ArrayList<>();
        analysis.path("influencers").forEach(n -> influencers.add(n.asText()));
        return new JobSpec(jobId, span, text(detector, "function", "rare"), byField,
                text(detector, "partition_field_name", null), influencers);
    }

    /** The job's {@code analysis_limits.model_memory_limit} in bytes ({@code 64mb}, {@code 1gb}, {@code 4096}), if set. */
    public static OptionalLong modelMemoryLimit(JsonNode job) {
        JsonNode limit = job.path("analysis_limits").path("model_memory_limit");
        if (limit.isNumber()) {
            return OptionalLong.of(limit.asLong() * 1024 * 1024); // a bare number is in MiB, as Elasticsearch reads it
        }
        if (!limit.isTextual()) {
            return OptionalLong.empty();
        }
        String v = limit.asText().trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        for (String[] u : new String[][]{{"kb", "1024"}, {"mb", "1048576"}, {"gb", "1073741824"}, {"b", "1"}}) {
            if (v.endsWith(u[0])) {
                unit = Long.parseLong(u[1]);
                v = v.substring(0, v.length() - u[0].length());
                break;
            }
        }
        try {
            return OptionalLong.of(Long.parseLong(v.trim()) * unit);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("model_memory_limit is not a size: '" + limit.asText() + "'");
        }
    }

    /** Parses an Elasticsearch time value such as {@code 15m}, {@code 900s}, {@code 1h}, {@code 1d}. */
    public static Duration parseTimeValue(String value) {
        requireNonNull(value, "value is null");
        String v = value.trim().toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < v.length() && Character.isDigit(v.charAt(i))) {
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException("not a time value: '" + value + "'");
        }
        long n = Long.parseLong(v.substring(0, i));
        return switch (v.substring(i)) {
            case "ms" -> Duration.ofMillis(n);
            case "s", "" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> throw new IllegalArgumentException("unknown time unit in '" + value + "'");
        };
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? fallback : value.asText();
    }
}
