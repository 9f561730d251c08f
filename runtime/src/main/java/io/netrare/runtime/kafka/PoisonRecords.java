package io.netrare.runtime.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * Unreadable records of a service's compacted or state topics (its models, its state, its checkpoints):
 * each is skipped, counted in {@code netrare_<service>_poison_records_total{topic}} and queued as a dead
 * letter, which the service's {@link KafkaLoop} writes in its next transaction. One bad record on such a
 * topic must never stop every restart. Thread-safe: readers hand records in from their own threads.
 */
public final class PoisonRecords {

    private static final Logger LOG = LoggerFactory.getLogger(PoisonRecords.class);

    private final MeterRegistry registry;
    private final String service;
    private final String dlqTopic;
    private final int maxRequestSize;
    private final ConcurrentLinkedQueue<ProducerRecord<byte[], byte[]>> letters = new ConcurrentLinkedQueue<>();

    public PoisonRecords(MeterRegistry registry, String service, KafkaSettings kafka) {
        this.registry = requireNonNull(registry, "registry is null");
        this.service = requireNonNull(service, "service is null");
        this.dlqTopic = kafka.topics().deadLetters(service).name();
        this.maxRequestSize = DeadLetters.maxRequestSize(kafka);
    }

    /** Skips {@code record}: counts it and queues its dead letter with {@code stage} and the error. */
    public void skip(ConsumerRecord<byte[], byte[]> record, String stage, RuntimeException error) {
        LOG.warn("{}: unreadable record {}-{}@{} skipped and dead-lettered ({}): {}", service, record.topic(),
                record.partition(), record.offset(), stage, error.toString());
        counter(record.topic()).increment();
        letters.add(DeadLetters.fit(DeadLetters.of(dlqTopic, record, stage, error), maxRequestSize));
    }

    /** Records skipped so far on {@code topic}. */
    public double skipped(String topic) {
        return counter(topic).count();
    }

    private Counter counter(String topic) {
        return Counter.builder(io.netrare.runtime.metrics.Metrics.name(service, "poison_records"))
                .description("unreadable records of compacted or state topics, skipped and dead-lettered")
                .tags("topic", topic).register(registry);
    }

    /** Hands every queued dead letter to {@code sink} (the loop's open transaction). */
    public void drainTo(Consumer<ProducerRecord<byte[], byte[]>> sink) {
        for (ProducerRecord<byte[], byte[]> r = letters.poll(); r != null; r = letters.poll()) {
            sink.accept(r);
        }
    }

    /** The dead letters not yet written (tests). */
    public List<ProducerRecord<byte[], byte[]>> pending() {
        return List.copyOf(letters);
    }

    /**
     * Wraps a record handler: a {@link RuntimeException} it throws skips the record here instead of
     * ending the reader.
     */
    public Consumer<ConsumerRecord<byte[], byte[]>> guard(String stage, Consumer<ConsumerRecord<byte[], byte[]>> handler) {
        requireNonNull(handler, "handler is null");
        return r -> {
            try {
                handler.accept(r);
            } catch (RuntimeException e) {
                skip(r, stage, e);
            }
        };
    }
}
