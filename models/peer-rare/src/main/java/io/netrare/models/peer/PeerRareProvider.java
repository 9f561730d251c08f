package io.netrare.models.peer;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.netrare.models.rare.Normalizer;
import io.netrare.models.rare.NormalizerConfig;
import io.netrare.schema.spi.AnomalyModel;
import io.netrare.schema.spi.JobSpec;
import io.netrare.schema.spi.ModelProvider;
import io.netrare.schema.spi.ScoreNormalizer;
import java.util.ArrayList;
import java.util.List;

/** The {@code peer_rare} model implementation; it shares the rare model's normalizer. */
public final class PeerRareProvider implements ModelProvider {

    private final PeerRareConfig config;
    private final NormalizerConfig normalizerConfig;

    public PeerRareProvider(PeerRareConfig config, NormalizerConfig normalizerConfig) {
        this.config = requireNonNull(config, "config is null");
        this.normalizerConfig = requireNonNull(normalizerConfig, "normalizerConfig is null");
    }

    public PeerRareProvider() {
        this(PeerRareConfig.defaults(), NormalizerConfig.defaults());
    }

    /** The state format {@code PeerSnapshots} writes. */
    public static final int FORMAT_VERSION = 1;

    @Override
    public String type() {
        return PeerRareModel.TYPE;
    }

    @Override
    public int formatVersion() {
        return FORMAT_VERSION;
    }

    @Override
    public PeerRareModel create(JobSpec job) {
        return new PeerRareModel(job, config);
    }

    @Override
    public PeerRareModel restore(JobSpec job, JsonNode state) {
        return PeerSnapshots.read(job, config, state);
    }

    @Override
    public PeerRareModel merge(JobSpec job, List<AnomalyModel> shares) {
        List<PeerRareModel> peer = new ArrayList<>();
        for (AnomalyModel share : shares) {
            if (!(share instanceof PeerRareModel p)) {
                throw new IllegalArgumentException("cannot merge a " + share.type() + " model into peer_rare");
            }
            peer.add(p);
        }
        return PeerSnapshots.merge(job, config, peer);
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
