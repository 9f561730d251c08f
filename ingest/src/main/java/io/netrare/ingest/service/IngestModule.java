package io.netrare.ingest.service;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.micrometer.core.instrument.MeterRegistry;
import io.netrare.ingest.IngestConfig;
import io.netrare.runtime.Components;
import io.netrare.runtime.ServiceName;
import io.netrare.runtime.kafka.KafkaLoop;
import io.netrare.runtime.kafka.KafkaSettings;
import io.netrare.schema.Topics;

import java.time.Clock;

import static java.util.Objects.requireNonNull;

/** Wiring of the ingest service: the file source and the raw-topic loop, both over the domain pipeline. */
public final class IngestModule extends AbstractModule {

    private final IngestServiceConfig config;

    public IngestModule(IngestServiceConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    protected void configure() {
        bind(IngestConfig.class).toInstance(config.ingest().ingestConfig(config.job().toJobSpec()));
        if (!config.ingest().files().isEmpty()) {
            Components.add(binder(), FileSource.class);
        }
        bind(RawJoinSettings.class).toInstance(config.ingest().rawJoin());
        bind(RawRecordProcessor.class).in(Singleton.class);
        if (config.ingest().rawTopic()) {
            Components.add(binder(), KafkaLoop.class);
        }
    }

    @Provides
    @Singleton
    FileSource files(IngestConfig ingest, KafkaSettings kafka, IngestMetrics metrics, Clock clock) {
        return new FileSource(config.ingest(), ingest, kafka, metrics, clock);
    }

    @Provides
    @Singleton
    IngestMetrics metrics(MeterRegistry registry) {
        return new IngestMetrics(registry);
    }

    @Provides
    @Singleton
    KafkaLoop loop(ServiceName service, KafkaSettings kafka, Topics topics, MeterRegistry registry, Clock clock,
                   RawRecordProcessor processor) {
        return KafkaLoop.builder(service.value(), kafka, processor).inputTopics(topics.raw().name())
                .settings(config.loop()).meterRegistry(registry).clock(clock).build();
    }
}
