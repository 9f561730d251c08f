package io.netrare.runtime;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.netrare.runtime.kafka.KafkaSettings;
import io.netrare.runtime.lifecycle.Component;
import io.netrare.runtime.metrics.MetricsSettings;
import io.netrare.schema.Topics;
import io.prometheus.client.CollectorRegistry;

import java.time.Clock;

import static java.util.Objects.requireNonNull;

/**
 * Bindings every service gets: its config record (under its own type and as {@link ServiceConfig}),
 * {@link KafkaSettings}, {@link MetricsSettings}, {@link Topics}, {@link ServiceName}, {@link Clock}
 * (UTC system clock), the {@link MeterRegistry} (a {@link PrometheusMeterRegistry} on the service's own
 * {@link CollectorRegistry}) and the (possibly empty) set of lifecycle {@link Component}s.
 * Requires explicit bindings.
 */
// The simpleclient flavour of the Prometheus registry is deprecated in favour of the 1.x client, but it is
// the one that serves a per-service CollectorRegistry through simpleclient's HTTPServer (DESIGN §8).
@SuppressWarnings("deprecation")
public final class RuntimeModule<C extends ServiceConfig> extends AbstractModule {

    private final ServiceName service;
    private final Class<C> configType;
    private final C config;
    private final PrometheusMeterRegistry registry;
    private final Clock clock;

    public RuntimeModule(ServiceName service, Class<C> configType, C config, PrometheusMeterRegistry registry, Clock clock) {
        this.service = requireNonNull(service, "service is null");
        this.configType = requireNonNull(configType, "configType is null");
        this.config = requireNonNull(config, "config is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    protected void configure() {
        binder().requireExplicitBindings();
        binder().requireAtInjectOnConstructors();
        bind(ServiceName.class).toInstance(service);
        bind(configType).toInstance(config);
        if (configType != ServiceConfig.class) {
            bind(ServiceConfig.class).toInstance(config);
        }
        bind(KafkaSettings.class).toInstance(config.kafka());
        bind(MetricsSettings.class).toInstance(config.metrics());
        bind(Topics.class).toInstance(config.kafka().topics());
        bind(Clock.class).toInstance(clock);
        bind(PrometheusMeterRegistry.class).toInstance(registry);
        bind(MeterRegistry.class).toInstance(registry);
        bind(CollectorRegistry.class).toInstance(registry.getPrometheusRegistry());
        Multibinder.newSetBinder(binder(), Component.class);
    }
}
