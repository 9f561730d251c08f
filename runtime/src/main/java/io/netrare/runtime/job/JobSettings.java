package io.netrare.runtime.job;

import io.netrare.schema.spi.JobSpec;
import io.netrare.schema.spi.ModelPlugin;
import io.netrare.schema.spi.ModelProvider;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The {@code job:} section that the training and scoring services share: the job's fields and the model
 * implementation with its settings. Both services must run with the same values.
 *
 * @param modelType     rare, first_seen or peer_rare: the whole model swap
 * @param modelSettings the implementation's own settings (e.g. decay, entity_cap, unusual_probability)
 */
public record JobSettings(String jobId, Duration bucketSpan, String byFieldName, String partitionFieldName,
                          List<String> influencers, String modelType, Map<String, String> modelSettings) {

    public JobSettings {
        requireNonNull(jobId, "job_id is null");
        requireNonNull(bucketSpan, "bucket_span is null");
        requireNonNull(byFieldName, "by_field_name is null");
        requireNonNull(modelType, "model_type is null");
        partitionFieldName = partitionFieldName == null || partitionFieldName.isBlank() ? null : partitionFieldName;
        influencers = influencers == null ? List.of() : List.copyOf(influencers);
        modelSettings = modelSettings == null ? Map.of() : Map.copyOf(modelSettings);
        toJobSpec(jobId, bucketSpan, byFieldName, partitionFieldName, influencers); // validates
    }

    /** The anchor's job with the rare model. */
    public static JobSettings defaults() {
        JobSpec spec = JobSpec.anchorDefault();
        return new JobSettings(spec.jobId(), spec.bucketSpan(), spec.byFieldName(), null, spec.influencers(), "rare",
                Map.of());
    }

    public JobSpec toJobSpec() {
        return toJobSpec(jobId, bucketSpan, byFieldName, partitionFieldName, influencers);
    }

    private static JobSpec toJobSpec(String id, Duration span, String by, String partition, List<String> influencers) {
        return new JobSpec(id, span, "rare", by, partition, influencers);
    }

    /** The configured model implementation's provider, loaded from the classpath. */
    public ModelProvider modelProvider() {
        return ModelPlugin.load(modelType).provider(toJobSpec(), modelSettings);
    }

    public JobSettings withModelType(String type) {
        return new JobSettings(jobId, bucketSpan, byFieldName, partitionFieldName, influencers, type, modelSettings);
    }

    public JobSettings withPartitionFieldName(String field) {
        return new JobSettings(jobId, bucketSpan, byFieldName, field, influencers, modelType, modelSettings);
    }
}
