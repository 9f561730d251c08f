package io.netrare.alerting.service;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.micrometer.core.instrument.MeterRegistry;
import io.netrare.alerting.service.AlertingProcessor;
import io.netrare.alerting.service.SinkLoops;
import io.netrare.alerting.service.SinkLoopsFactory;
import io.netrare.alerting.service.StateTopic;
import io.netrare.runtime.Components;
import io.netrare.runtime.ServiceName;
import io.netrare.runtime.kafka.KafkaLoop;
import io.netrare.runtime.kafka.KafkaSettings;
import io.netrare.runtime.kafka.PoisonRecords;
import io.netrare.schema.Topics;

import java.time.Clock;

import static java.util.Objects.requireNonNull;

/** Guice wiring of the alerting service: the anomalies loop, then one delivery loop per enabled sink. */
public final class AlertingModule extends AbstractModule {

    private final AlertingConfig config;

    public AlertingModule(AlertingConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    protected void configure() {
        bind(AlertingProcessor.class).in(Singleton.class);
        Components.add(binder(), KafkaLoop.class);
        Components.add(binder(), SinkLoops.class);
    }

    @Provides
    @Singleton
    AlertingMetrics metrics(MeterRegistry registry) {
        return new AlertingMetrics(registry);
    }

    @Provides
    @Singleton
    KafkaLoop anomaliesLoop(ServiceName service, KafkaSettings kafka, Topics topics, MeterRegistry registry, Clock clock,
                            AlertingProcessor processor, PoisonRecords poison) {
        return KafkaLoop.builder(service.value(), kafka, processor).inputTopics(topics.anomalies().name())
                .settings(config.loop()).meterRegistry(registry).clock(clock)
                .beforeSubscribe(() -> StateTopic.ensure(kafka, topics)).poisonRecords(poison).build();
    }

    @Provides
    @Singleton
    PoisonRecords poison(ServiceName service, KafkaSettings kafka, MeterRegistry registry) {
        return new PoisonRecords(registry, service.value(), kafka);
    }

    @Provides
    @Singleton
    SinkLoops sinkLoops(ServiceName service, KafkaSettings kafka, Topics topics, MeterRegistry registry, Clock clock,
                        AlertingMetrics metrics) {
        return SinkLoopsFactory.create(config, service.value(), kafka, topics, registry, clock, metrics);
    }
}
