package io.netrare.models.peer;

import com.fasterxml.jackson.databind.JsonNode;
import io.netrare.models.rare.NormalizedModelProvider;
import io.netrare.models.rare.NormalizerConfig;
import io.netrare.schema.spi.JobSpec;
import java.util.List;

/** The {@code peer_rare} model implementation; it shares the rare model's normalizer. */
public final class PeerRareProvider extends NormalizedModelProvider<PeerRareModel, PeerRareConfig> {

    /** The state format {@code PeerSnapshots} writes. */
    public static final int FORMAT_VERSION = 1;

    public PeerRareProvider(PeerRareConfig config, NormalizerConfig normalizerConfig) {
        super(PeerRareModel.TYPE, FORMAT_VERSION, PeerRareModel.class, "peer_rare", config, normalizerConfig);
    }

    public PeerRareProvider() {
        this(PeerRareConfig.defaults(), NormalizerConfig.defaults());
    }

    @Override
    public PeerRareModel create(JobSpec job) {
        return new PeerRareModel(job, config());
    }

    @Override
    public PeerRareModel restore(JobSpec job, JsonNode state) {
        return PeerSnapshots.read(job, config(), state);
    }

    @Override
    protected PeerRareModel mergeModels(JobSpec job, List<PeerRareModel> shares) {
        return PeerSnapshots.merge(job, config(), shares);
    }
}
