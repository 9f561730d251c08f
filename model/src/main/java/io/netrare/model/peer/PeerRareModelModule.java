package io.netrare.model.peer;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import io.netrare.model.JobConfig;
import io.netrare.models.peer.PeerRareConfig;
import io.netrare.models.peer.PeerRareProvider;
import io.netrare.schema.spi.ModelProvider;

/** Binds the {@code peer_rare} model as the {@link ModelProvider}. */
public final class PeerRareModelModule extends AbstractModule {

    private final JobConfig config;
    private final PeerRareConfig peerConfig;

    public PeerRareModelModule(JobConfig config, PeerRareConfig peerConfig) {
        this.config = requireNonNull(config, "config is null");
        this.peerConfig = requireNonNull(peerConfig, "peerConfig is null");
    }

    /** With the default peer_rare settings (similarity groups, cadence on). */
    public PeerRareModelModule(JobConfig config) {
        this(config, PeerRareConfig.defaults());
    }

    @Override
    protected void configure() {
        bind(ModelProvider.class).toInstance(new PeerRareProvider(peerConfig, config.normalizer()));
    }
}
