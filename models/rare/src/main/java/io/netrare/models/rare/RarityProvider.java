package io.netrare.models.rare;

import com.fasterxml.jackson.databind.JsonNode;
import io.netrare.schema.spi.JobSpec;

import java.util.List;

/** The {@code rare} model implementation, as services load it. */
public final class RarityProvider extends NormalizedModelProvider<RarityModel, RareModelConfig> {

    /** The state format {@code RaritySnapshots} writes. */
    public static final int FORMAT_VERSION = 1;

    public RarityProvider(RareModelConfig config, NormalizerConfig normalizerConfig) {
        super(RarityModel.TYPE, FORMAT_VERSION, RarityModel.class, "a rare model", config, normalizerConfig);
    }

    public RarityProvider() {
        this(RareModelConfig.defaults(), NormalizerConfig.defaults());
    }

    /** Rarity is counted per entity: hosts are only examples to it. */
    @Override
    public boolean learnsHosts() {
        return false;
    }

    @Override
    public RarityModel create(JobSpec job) {
        return new RarityModel(job, config());
    }

    @Override
    public RarityModel restore(JobSpec job, JsonNode state) {
        return RaritySnapshots.read(job, config(), state);
    }

    @Override
    protected RarityModel mergeModels(JobSpec job, List<RarityModel> shares) {
        return RaritySnapshots.merge(job, config(), shares);
    }
}
