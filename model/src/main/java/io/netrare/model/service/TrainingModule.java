package io.netrare.model.service;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.micrometer.core.instrument.MeterRegistry;
import io.netrare.model.ModelMetrics;
import io.netrare.model.training.TrainingShares;
import io.netrare.runtime.Components;
import io.netrare.runtime.ServiceName;
import io.netrare.runtime.kafka.DeadLetters;
import io.netrare.runtime.kafka.KafkaLoop;
import io.netrare.runtime.kafka.LoopMetrics;
import io.netrare.runtime.kafka.KafkaSettings;
import io.netrare.runtime.kafka.PoisonRecords;
import io.netrare.runtime.kafka.TypedProcessor;
import io.netrare.schema.ModelParts;
import io.netrare.schema.EventCodec;
import io.netrare.schema.Topics;
import io.netrare.schema.spi.ModelProvider;

import java.time.Clock;
import java.util.List;

import static java.util.Objects.requireNonNull;

/** Wires the training service: the configured model, the processor and its loop over the events topic. */
public final class TrainingModule extends AbstractModule {

    private final TrainingConfig config;

    public TrainingModule(TrainingConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    protected void configure() {
        bind(ModelProvider.class).toInstance(config.job().modelProvider());
        Components.add(binder(), KafkaLoop.class);
    }

    @Provides
    @Singleton
    TrainingMetrics metrics(MeterRegistry registry) {
        return new TrainingMetrics(registry);
    }

    @Provides
    @Singleton
    PoisonRecords poison(ServiceName service, KafkaSettings kafka, MeterRegistry registry) {
        return new PoisonRecords(registry, service.value(), kafka);
    }

    @Provides
    @Singleton
    TrainingProcessor processor(ModelProvider provider, KafkaSettings kafka, Clock clock, TrainingMetrics metrics,
                                MeterRegistry registry, PoisonRecords poison) {
        // a message on the models topic must fit one producer request: larger ones are split to fit
        TrainingShares shares = new TrainingShares(config.job().toJobSpec(), provider, config.training(), clock, metrics,
                ModelParts.budget(DeadLetters.maxRequestSize(kafka)));
        new ModelMetrics(registry, config.job().jobId(), shares::models);
        return new TrainingProcessor(config.job().jobId(), shares, config.job().snapshotCheck(provider),
                config.training(), kafka, clock, poison);
    }

    @Provides
    @Singleton
    KafkaLoop loop(ServiceName service, KafkaSettings kafka, Topics topics, MeterRegistry registry, Clock clock,
                   TrainingProcessor processor, PoisonRecords poison) {
        // training reads an event's time, count, entity fields and host name only: the other strings are not built
        java.util.Set<String> read = config.job().toJobSpec().countedFields(false);
        return KafkaLoop.builder(service.value(), kafka,
                        TypedProcessor.ofEach(topics.events(), EventCodec.batchReader(read), processor,
                                LoopMetrics.eventsConsumed(registry, service.value())))
                .inputTopics(List.of(topics.events().name()))
                .settings(config.loop()).meterRegistry(registry).clock(clock).poisonRecords(poison).build();
    }

}
