package io.netrare.model;

import io.netrare.models.firstseen.FirstSeenConfig;
import io.netrare.models.rare.NormalizerConfig;
import io.netrare.models.rare.RareModelConfig;
import com.fasterxml.jackson.databind.JsonNode;
import io.netrare.schema.spi.ElasticJobs;
import io.netrare.schema.spi.JobSpec;

import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * A job: the model-agnostic {@link JobSpec} (shared with the scoring service) plus the model selection and
 * every model's settings. Defaults are the anchor's: v3_linux_anomalous_network_activity, 15m, rare by
 * process.name, influencers host.name, process.name, user.name, destination.ip, lambda 0.00025, cut-off 0.035.
 */
public record JobConfig(JobSpec job, ModelSelection model, RareModelConfig rare, FirstSeenConfig firstSeen,
                        NormalizerConfig normalizer) {

    public JobConfig {
        requireNonNull(job, "job is null");
        requireNonNull(model, "model is null");
        requireNonNull(rare, "rare is null");
        requireNonNull(firstSeen, "firstSeen is null");
        requireNonNull(normalizer, "normalizer is null");
    }

    public static JobConfig anchorDefault() {
        return new JobConfig(JobSpec.anchorDefault(), ModelSelection.rare(), RareModelConfig.defaults(),
                FirstSeenConfig.defaults(), NormalizerConfig.defaults());
    }

    /**
     * A job read from an Elastic anomaly-detection job JSON; the model defaults stay, except that a
     * {@code model_memory_limit} scales the entity cap (about 320 bytes per entity, see docs/benchmarks-model.md).
     */
    public static JobConfig fromElasticJob(JsonNode jobJson, String defaultJobId) {
        JobSpec spec = ElasticJobs.read(jobJson, defaultJobId);
        RareModelConfig rare = RareModelConfig.defaults();
        JsonNode limit = jobJson.path("analysis_limits").path("model_memory_limit");
        if (limit.isTextual()) {
            long bytes = parseBytes(limit.asText());
            rare = rare.withEntityCap((int) Math.max(1000, Math.min(Integer.MAX_VALUE, bytes / BYTES_PER_ENTITY)));
        }
        return new JobConfig(spec, ModelSelection.rare(), rare, FirstSeenConfig.defaults(), NormalizerConfig.defaults());
    }

    /** Estimated bytes of model state per entity, measured (docs/benchmarks-model.md), rounded up. */
    public static final long BYTES_PER_ENTITY = 320;

    static long parseBytes(String text) {
        String v = text.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        for (String[] u : new String[][]{{"kb", "1024"}, {"mb", "1048576"}, {"gb", "1073741824"}, {"b", "1"}}) {
            if (v.endsWith(u[0])) {
                unit = Long.parseLong(u[1]);
                v = v.substring(0, v.length() - u[0].length());
                break;
            }
        }
        return Long.parseLong(v.trim()) * unit;
    }

    public JobConfig withModel(ModelSelection selection) {
        return new JobConfig(job, selection, rare, firstSeen, normalizer);
    }

    public JobConfig withRare(RareModelConfig newRare) {
        return new JobConfig(job, model, newRare, firstSeen, normalizer);
    }

    public JobConfig withFirstSeen(FirstSeenConfig newFirstSeen) {
        return new JobConfig(job, model, rare, newFirstSeen, normalizer);
    }

    /** The same job with per-partition baselines (e.g. host.name), or none when {@code field} is null. */
    public JobConfig withPartitionField(String field) {
        JobSpec j = new JobSpec(job.jobId(), job.bucketSpan(), job.function(), job.byFieldName(), field, job.influencers());
        return new JobConfig(j, model, rare, firstSeen, normalizer);
    }
}
