package io.netrare.models.rare;

import com.fasterxml.jackson.databind.JsonNode;
import io.netrare.schema.spi.AnomalyModel;
import io.netrare.schema.spi.JobSpec;
import io.netrare.schema.spi.ModelProvider;
import io.netrare.schema.spi.ScoreNormalizer;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A model implementation whose scores go through the rare model's {@link Normalizer}: it holds the model's config and the
 * normalizer's, and leaves creating, restoring and merging models of type {@code M} to the subclass.
 *
 * @param <M> the model this provider makes
 * @param <C> the model's config
 */
public abstract class NormalizedModelProvider<M extends AnomalyModel, C> implements ModelProvider {

    private final String type;
    private final int formatVersion;
    private final Class<M> modelClass;
    private final String mergeTarget;
    private final C config;
    private final NormalizerConfig normalizerConfig;

    /**
     * @param mergeTarget how {@link #merge} names this model when a share of another type is refused, e.g. {@code "peer_rare"}
     */
    protected NormalizedModelProvider(String type, int formatVersion, Class<M> modelClass, String mergeTarget,
                                      C config, NormalizerConfig normalizerConfig) {
        this.type = requireNonNull(type, "type is null");
        this.formatVersion = formatVersion;
        this.modelClass = requireNonNull(modelClass, "modelClass is null");
        this.mergeTarget = requireNonNull(mergeTarget, "mergeTarget is null");
        this.config = requireNonNull(config, "config is null");
        this.normalizerConfig = requireNonNull(normalizerConfig, "normalizerConfig is null");
    }

    /** The model's config. */
    protected final C config() {
        return config;
    }

    @Override
    public final String type() {
        return type;
    }

    @Override
    public final int formatVersion() {
        return formatVersion;
    }

    @Override
    public abstract M create(JobSpec job);

    @Override
    public abstract M restore(JobSpec job, JsonNode state);

    /** Merges shares already known to be of type {@code M}. */
    protected abstract M mergeModels(JobSpec job, List<M> shares);

    @Override
    public final M merge(JobSpec job, List<AnomalyModel> shares) {
        List<M> typed = new ArrayList<>(shares.size());
        for (AnomalyModel share : shares) {
            if (!modelClass.isInstance(share)) {
                throw new IllegalArgumentException("cannot merge a " + share.type() + " model into " + mergeTarget);
            }
            typed.add(modelClass.cast(share));
        }
        return mergeModels(job, typed);
    }

    @Override
    public final ScoreNormalizer newNormalizer(JobSpec job) {
        return new Normalizer(normalizerConfig, job.bucketSpan());
    }

    @Override
    public final ScoreNormalizer restoreNormalizer(JobSpec job, JsonNode state) {
        return Normalizer.restore(normalizerConfig, job.bucketSpan(), state);
    }
}
