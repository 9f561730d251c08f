package io.netrare.model;

import io.netrare.models.firstseen.FirstSeenProvider;
import com.google.inject.AbstractModule;
import io.netrare.schema.spi.ModelProvider;

import static java.util.Objects.requireNonNull;

/** Binds the {@code first_seen} model as the {@link ModelProvider}. */
public final class FirstSeenModelModule extends AbstractModule {

    private final JobConfig config;

    public FirstSeenModelModule(JobConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    protected void configure() {
        bind(ModelProvider.class).toInstance(new FirstSeenProvider(config.firstSeen(), config.normalizer()));
    }
}
