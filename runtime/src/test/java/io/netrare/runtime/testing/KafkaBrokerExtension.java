package io.netrare.runtime.testing;

import io.netrare.runtime.broker.EmbeddedKafkaBroker;
import io.netrare.runtime.kafka.ClientConfigs;
import io.netrare.runtime.kafka.KafkaSettings;
import io.netrare.runtime.kafka.TopicAdmin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One embedded KRaft broker per test class, for ITs of every module (runtime test-jar).
 *
 * <pre>{@code
 * @RegisterExtension
 * static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
 *
 * String in = KAFKA.createTopic("in", 4);              // unique name per call: in-1-<random>
 * KafkaSettings kafka = KAFKA.settings("instance-a");  // bootstrap servers + instance id
 * List<ConsumerRecord<byte[], byte[]>> out = KAFKA.readCommitted(topic, 100, Duration.ofSeconds(30));
 * }</pre>
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, AfterAllCallback {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private final EmbeddedKafkaBroker.Options options;
    private EmbeddedKafkaBroker broker;

    public KafkaBrokerExtension() {
        this(EmbeddedKafkaBroker.Options.defaults());
    }

    public KafkaBrokerExtension(EmbeddedKafkaBroker.Options options) {
        this.options = options;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        broker = EmbeddedKafkaBroker.start(options);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (broker != null) {
            broker.stop();
            broker = null;
        }
    }

    public EmbeddedKafkaBroker broker() {
        return broker;
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** Default settings on this broker, transactional, with the given instance id. */
    public KafkaSettings settings(String instanceId) {
        return KafkaSettings.forBootstrap(bootstrapServers()).withInstanceId(instanceId);
    }

    /** A topic name unique in this JVM, e.g. {@code out-7-3f2a}. */
    public String uniqueTopic(String base) {
        return base + "-" + SEQUENCE.incrementAndGet() + "-" + Long.toHexString(System.nanoTime() & 0xffff);
    }

    /** Creates a uniquely named topic and returns its name. */
    public String createTopic(String base, int partitions) {
        String name = uniqueTopic(base);
        TopicAdmin.createNamed(settings("admin"), List.of(name), partitions);
        return name;
    }

    /** Produces records (key, value) to a topic and waits for the acks. */
    public void produce(String topic, List<Map.Entry<byte[], byte[]>> records) {
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(ClientConfigs.producer(settings("test"), "test-producer", null))) {
            for (Map.Entry<byte[], byte[]> r : records) {
                p.send(new ProducerRecord<>(topic, r.getKey(), r.getValue()));
            }
            p.flush();
        }
    }

    /**
     * Reads a topic from the beginning with read_committed until {@code expected} records came or the
     * timeout passed, then keeps reading one more second to catch surplus (duplicates).
     */
    public List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic, int expected, Duration timeout) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(ClientConfigs.consumer(settings("test"), "test-reader", null, 1000))) {
            List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(10));
            List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Instant deadline = Instant.now().plus(timeout);
            Instant settle = null;
            while (Instant.now().isBefore(deadline) && (settle == null || Instant.now().isBefore(settle))) {
                c.poll(Duration.ofMillis(100)).forEach(out::add);
                if (settle == null && out.size() >= expected) {
                    settle = Instant.now().plusSeconds(1);
                }
            }
        }
        return out;
    }
}
