package io.netrare.runtime.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Clock;
import java.util.List;

import static java.util.Objects.requireNonNull;

/** Builds a {@link KafkaLoop}; only the input topics are required besides the constructor arguments. */
public final class KafkaLoopBuilder {

    final String service;
    final KafkaSettings kafka;
    final RecordProcessor processor;
    List<String> inputTopics = List.of();
    LoopSettings settings = LoopSettings.defaults();
    MeterRegistry registry = new SimpleMeterRegistry();
    Clock clock = Clock.systemUTC();
    String loopName = "main";
    Runnable beforeSubscribe = () -> { };
    PoisonRecords poison;

    KafkaLoopBuilder(String service, KafkaSettings kafka, RecordProcessor processor) {
        this.service = requireNonNull(service, "service is null");
        this.kafka = requireNonNull(kafka, "kafka is null");
        this.processor = requireNonNull(processor, "processor is null");
    }

    /** Topics to subscribe to (at least one). */
    public KafkaLoopBuilder inputTopics(List<String> topics) {
        this.inputTopics = List.copyOf(topics);
        return this;
    }

    public KafkaLoopBuilder inputTopics(String... topics) {
        return inputTopics(List.of(topics));
    }

    public KafkaLoopBuilder settings(LoopSettings s) {
        this.settings = requireNonNull(s, "settings is null");
        return this;
    }

    /** The service's registry; a private {@link SimpleMeterRegistry} when not set. */
    public KafkaLoopBuilder meterRegistry(MeterRegistry r) {
        this.registry = requireNonNull(r, "registry is null");
        return this;
    }

    /** The clock passed to {@link RecordProcessor#onTick}. */
    public KafkaLoopBuilder clock(Clock c) {
        this.clock = requireNonNull(c, "clock is null");
        return this;
    }

    /** Distinguishes several loops of one service (meters tag, transactional id); default {@code main}. */
    public KafkaLoopBuilder loopName(String name) {
        this.loopName = requireNonNull(name, "name is null");
        return this;
    }

    /**
     * Runs on the loop's thread once every input topic exists, just before the loop subscribes (e.g. to
     * create a topic sized after an input topic); retried while the brokers are away.
     */
    public KafkaLoopBuilder beforeSubscribe(Runnable setup) {
        this.beforeSubscribe = requireNonNull(setup, "setup is null");
        return this;
    }

    /** Unreadable records of the service's other topics, dead-lettered in this loop's transactions. */
    public KafkaLoopBuilder poisonRecords(PoisonRecords p) {
        this.poison = requireNonNull(p, "poison is null");
        return this;
    }

    public KafkaLoop build() {
        if (inputTopics.isEmpty()) {
            throw new IllegalArgumentException("a loop needs at least one input topic");
        }
        return new KafkaLoop(this);
    }
}
