package io.netrare.model;

import io.netrare.models.rare.RarityProvider;
import com.google.inject.AbstractModule;
import io.netrare.schema.spi.ModelProvider;

import static java.util.Objects.requireNonNull;

/** Binds the {@code rare} model as the {@link ModelProvider}. */
public final class RareModelModule extends AbstractModule {

    private final JobConfig config;

    public RareModelModule(JobConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    protected void configure() {
        bind(ModelProvider.class).toInstance(new RarityProvider(config.rare(), config.normalizer()));
    }
}
