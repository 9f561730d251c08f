package io.netrare.scoring.service;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.micrometer.core.instrument.MeterRegistry;
import io.netrare.runtime.Components;
import io.netrare.runtime.ServiceName;
import io.netrare.runtime.job.ModelMessageGuard;
import io.netrare.runtime.kafka.KafkaLoop;
import io.netrare.runtime.kafka.LoopMetrics;
import io.netrare.runtime.kafka.KafkaSettings;
import io.netrare.runtime.kafka.PoisonRecords;
import io.netrare.runtime.kafka.TopicReader;
import io.netrare.runtime.kafka.TypedProcessor;
import io.netrare.schema.EventCodec;
import io.netrare.schema.Json;
import io.netrare.schema.ModelSnapshot;
import io.netrare.schema.Topics;
import io.netrare.schema.spi.ModelProvider;
import io.netrare.scoring.BucketEngine;
import io.netrare.scoring.stream.DeltaBook;
import io.netrare.scoring.stream.ScoringShares;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static java.util.Objects.requireNonNull;

/** Wires the scoring service: the configured model, the models-topic reader, the engine and the loop. */
public final class ScoringModule extends AbstractModule {

    private final ScoringConfig config;

    public ScoringModule(ScoringConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    protected void configure() {
        bind(ModelProvider.class).toInstance(config.job().modelProvider());
        // the loop starts the models reader before it subscribes (once it has read the scoring snapshots), so that
        // a restarted instance can rebuild its model when partitions arrive
        Components.add(binder(), ModelsFollower.class);
        Components.add(binder(), KafkaLoop.class);
    }

    @Provides
    @Singleton
    ScoringMetrics metrics(MeterRegistry registry) {
        return new ScoringMetrics(registry);
    }

    @Provides
    @Singleton
    DeltaBook book() {
        return new DeltaBook(config.job().jobId());
    }

    @Provides
    @Singleton
    PoisonRecords poison(ServiceName service, KafkaSettings kafka, MeterRegistry registry) {
        return new PoisonRecords(registry, service.value(), kafka);
    }

    @Provides
    @Singleton
    TopicReader models(KafkaSettings kafka, Topics topics, DeltaBook book, PoisonRecords poison, Clock clock) {
        ModelMessageGuard guard = ModelMessageGuard.defaults();
        EventPartitions shares = new EventPartitions(kafka, topics);
        // unreadable or nonsensical messages (and deltas whose state is no delta) are dead-lettered, never learned
        return new TopicReader(kafka, topics.models().name(), poison.guard("models", r -> {
            if (r.value() != null) { // null: a tombstone of a delta no restart needs
                String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
                book.offer(guard.require(topics.models().read(r.value()), key, clock.instant(), shares.count()));
            }
        }));
    }

    /** The events topic's partition count (the number of shares), looked up once known; 0 until then. */
    private static final class EventPartitions {
        private final KafkaSettings kafka;
        private final Topics topics;
        private int count;
        private boolean tried;
        private long nextTry;

        EventPartitions(KafkaSettings kafka, Topics topics) {
            this.kafka = kafka;
            this.topics = topics;
        }

        int count() {
            if (count == 0 && (!tried || System.nanoTime() - nextTry >= 0)) {
                tried = true;
                nextTry = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                try {
                    count = TopicReader.partitions(kafka, topics.events().name(), Duration.ofSeconds(5));
                } catch (RuntimeException e) { // not known yet: messages are taken without this check meanwhile
                    count = 0;
                }
            }
            return count;
        }
    }

    @Provides
    @Singleton
    ScoringProcessor processor(ModelProvider provider, DeltaBook book, TopicReader models, Clock clock,
                               ScoringMetrics metrics, KafkaSettings kafka, ServiceName service, PoisonRecords poison) {
        BucketEngine engine = BucketEngine.create(config.job().toJobSpec(), provider, config.scoring().engineConfig(), clock);
        metrics.bind(engine, config.job().jobId());
        ScoringShares shares = new ScoringShares(config.job().toJobSpec(), provider, engine, book, config.scoring(), clock,
                metrics);
        ScoredEverywhere scored = new ScoredEverywhere(kafka, KafkaLoop.groupId(kafka, config.loop(), service.value()),
                kafka.topics().events().name());
        return new ScoringProcessor(config.job().jobId(), shares, models, config.scoring(), kafka, clock, scored, poison);
    }

    @Provides
    @Singleton
    ModelsFollower follower(TopicReader models, ScoringProcessor processor) {
        return new ModelsFollower(models, processor);
    }

    @Provides
    @Singleton
    KafkaLoop loop(ServiceName service, KafkaSettings kafka, Topics topics, MeterRegistry registry, Clock clock,
                   ScoringProcessor processor, PoisonRecords poison, ModelsFollower follower) {
        // a bucket counts an event's time, count, host name, entity and influencers: the other strings are built only
        // for the events kept as examples (ScoringProcessor reads those whole)
        java.util.Set<String> read = config.job().toJobSpec().countedFields(true);
        return KafkaLoop.builder(service.value(), kafka, TypedProcessor.ofEach(topics.events(), EventCodec.batchReader(read),
                        processor, LoopMetrics.eventsConsumed(registry, service.value())))
                .inputTopics(List.of(topics.events().name()))
                .beforeSubscribe(() -> {
                    processor.prepare();
                    follower.begin();
                })
                .settings(config.loop()).meterRegistry(registry).clock(clock).poisonRecords(poison).build();
    }
}
