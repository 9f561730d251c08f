package io.netrare.models.rare;

import com.fasterxml.jackson.databind.JsonNode;
import io.netrare.schema.spi.AnomalyModel;
import io.netrare.schema.spi.JobSpec;
import io.netrare.schema.spi.ModelProvider;
import io.netrare.schema.spi.ScoreNormalizer;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/** The {@code rare} model implementation, as services load it. */
public final class RarityProvider implements ModelProvider {

    private final RareModelConfig config;
    private final NormalizerConfig normalizerConfig;

    public RarityProvider(RareModelConfig config, NormalizerConfig normalizerConfig) {
        this.config = requireNonNull(config, "config is null");
        this.normalizerConfig = requireNonNull(normalizerConfig, "normalizerConfig is null");
    }

    public RarityProvider() {
        this(RareModelConfig.defaults(), NormalizerConfig.defaults());
    }

    /** The state format {@code RaritySnapshots} writes. */
    public static final int FORMAT_VERSION = 1;

    @Override
    public String type() {
        return RarityModel.TYPE;
    }

    @Override
    public int formatVersion() {
        return FORMAT_VERSION;
    }

    @Override
    public RarityModel create(JobSpec job) {
        return new RarityModel(job, config);
    }

    @Override
    public RarityModel restore(JobSpec job, JsonNode state) {
        return RaritySnapshots.read(job, config, state);
    }

    @Override
    public RarityModel merge(JobSpec job, List<AnomalyModel> shares) {
        List<RarityModel> rare = new ArrayList<>();
        for (AnomalyModel share : shares) {
            if (!(share instanceof RarityModel r)) {
                throw new IllegalArgumentException("cannot merge a " + share.type() + " model into a rare model");
            }
            rare.add(r);
        }
        return RaritySnapshots.merge(job, config, rare);
    }

    @Override
    public ScoreNormalizer newNormalizer(JobSpec job) {
        return new Normalizer(normalizerConfig, job.bucketSpan());
    }

    @Override
    public ScoreNormalizer restoreNormalizer(JobSpec job, JsonNode state) {
        return Normalizer.restore(normalizerConfig, job.bucketSpan(), state);
    }
}
