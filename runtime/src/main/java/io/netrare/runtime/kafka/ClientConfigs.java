package io.netrare.runtime.kafka;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.util.HashMap;
import java.util.Map;

/** Kafka client properties built from {@link KafkaSettings}: netrare's defaults, then the pass-through maps. */
public final class ClientConfigs {

    private ClientConfigs() {
    }

    /** Properties for an admin client. */
    public static Map<String, Object> admin(KafkaSettings kafka, String clientId) {
        Map<String, Object> p = new HashMap<>();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        p.putAll(kafka.properties());
        return p;
    }

    /**
     * A byte[] consumer: manual commits, read_committed, earliest reset; {@code groupId} may be null for
     * a group-less reader.
     */
    public static Map<String, Object> consumer(KafkaSettings kafka, String clientId, String groupId, int maxPollRecords) {
        Map<String, Object> p = admin(kafka, clientId);
        if (groupId != null) {
            p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.putAll(kafka.consumer());
        return p;
    }

    /** A byte[] idempotent producer, transactional when {@code transactionalId} is not null. */
    public static Map<String, Object> producer(KafkaSettings kafka, String clientId, String transactionalId) {
        Map<String, Object> p = admin(kafka, clientId);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // large lz4 batches: fewer, smaller requests for the broker (Kafka's own perf tool settings)
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        if (transactionalId != null) {
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
            p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) kafka.transactionTimeout().toMillis());
        }
        p.putAll(kafka.producer());
        return p;
    }
}
