package io.netrare.runtime.job;

import io.netrare.schema.spi.JobSpec;
import io.netrare.schema.spi.ModelPlugin;
import io.netrare.schema.spi.ModelProvider;
import io.netrare.schema.spi.SnapshotCheck;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The {@code job:} section that the training and scoring services share: the job's fields and the model
 * implementation with its settings. Both services must run with the same values.
 *
 * <p>When model implementations are on the classpath (training, scoring, the CLI), the model type must be one
 * of them and its settings are validated here, with the rest of the config; a service without models
 * (ingest) only checks the job's fields.
 *
 * @param modelType         the {@link ModelPlugin#type()} of an implementation on the classpath: the whole model swap
 * @param modelSettings     that implementation's own settings; a key it does not read is an error
 * @param onSnapshotMismatch what a stored snapshot of another model type or format version does when training
 *                          restores a share: {@code fail} (default) or {@code fresh}
 */
public record JobSettings(String jobId, Duration bucketSpan, String byFieldName, String partitionFieldName,
                          List<String> influencers, String modelType, Map<String, String> modelSettings,
                          SnapshotCheck.OnMismatch onSnapshotMismatch) {

    public JobSettings {
        requireNonNull(jobId, "job_id is null");
        requireNonNull(bucketSpan, "bucket_span is null");
        requireNonNull(byFieldName, "by_field_name is null");
        requireNonNull(modelType, "model_type is null");
        partitionFieldName = partitionFieldName == null || partitionFieldName.isBlank() ? null : partitionFieldName;
        influencers = influencers == null ? List.of() : List.copyOf(influencers);
        modelSettings = modelSettings == null ? Map.of() : Map.copyOf(modelSettings);
        onSnapshotMismatch = onSnapshotMismatch == null ? SnapshotCheck.OnMismatch.fail : onSnapshotMismatch;
        JobSpec spec = toJobSpec(jobId, bucketSpan, byFieldName, partitionFieldName, influencers); // validates
        if (!ModelPlugin.available().isEmpty()) { // the classpath is scanned once; this is a lookup
            ModelPlugin.load(modelType).provider(spec, modelSettings); // validates the model and its settings
        }
    }

    /** The anchor's job with the rare model. */
    public static JobSettings defaults() {
        JobSpec spec = JobSpec.anchorDefault();
        return new JobSettings(spec.jobId(), spec.bucketSpan(), spec.byFieldName(), null, spec.influencers(), "rare",
                Map.of(), SnapshotCheck.OnMismatch.fail);
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

    /** How training checks a stored snapshot against the configured model. */
    public SnapshotCheck snapshotCheck(ModelProvider provider) {
        return SnapshotCheck.of(provider, onSnapshotMismatch);
    }

    /** Another model type, with no settings (each type has its own). */
    public JobSettings withModelType(String type) {
        return new JobSettings(jobId, bucketSpan, byFieldName, partitionFieldName, influencers, type, Map.of(),
                onSnapshotMismatch);
    }

    public JobSettings withModelSettings(Map<String, String> settings) {
        return new JobSettings(jobId, bucketSpan, byFieldName, partitionFieldName, influencers, modelType, settings,
                onSnapshotMismatch);
    }

    public JobSettings withPartitionFieldName(String field) {
        return new JobSettings(jobId, bucketSpan, byFieldName, field, influencers, modelType, modelSettings,
                onSnapshotMismatch);
    }

    public JobSettings withOnSnapshotMismatch(SnapshotCheck.OnMismatch policy) {
        return new JobSettings(jobId, bucketSpan, byFieldName, partitionFieldName, influencers, modelType, modelSettings,
                policy);
    }
}
