package io.netrare.runtime.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * Where a processor sends its output. In transactional mode every send belongs to the loop's current
 * transaction, committed together with the input offsets. Sends made while processing a record are
 * held back until that record's processing succeeds, so a failed record leaves no partial output.
 */
public interface Output {

    /** Sends a record (byte[] key and value, headers as given). */
    void send(ProducerRecord<byte[], byte[]> record);

    /** Sends key and value to a topic, partitioned by key. */
    default void send(String topic, byte[] key, byte[] value) {
        send(new ProducerRecord<>(topic, key, value));
    }

    /** Sends key, value and headers to a topic, partitioned by key. */
    default void send(String topic, byte[] key, byte[] value, Headers headers) {
        send(new ProducerRecord<>(topic, null, key, value, headers));
    }

    /** Sends a value to a topic, keyed (UTF-8) and encoded by the topic's spec, partitioned by key. */
    default <V> void send(io.netrare.schema.Topics.TopicSpec<V> topic, String key, V value) {
        send(new ProducerRecord<>(topic.name(), topic.key(key), topic.write(value)));
    }

    /** Sends a value to one partition of a topic, keyed (UTF-8) and encoded by the topic's spec. */
    default <V> void send(io.netrare.schema.Topics.TopicSpec<V> topic, int partition, String key, V value) {
        send(new ProducerRecord<>(topic.name(), partition, topic.key(key), topic.write(value)));
    }

    /** Forwards a record as read (key, value and headers unchanged) to another topic, partitioned by key. */
    default void forward(io.netrare.schema.Topics.TopicSpec<?> topic, ConsumerRecord<byte[], byte[]> record) {
        forward(topic, record, record.value());
    }

    /** Sends {@code value} to {@code topic} with the key and headers of {@code record} (one value of a batch, alone). */
    default void forward(io.netrare.schema.Topics.TopicSpec<?> topic, ConsumerRecord<byte[], byte[]> record, byte[] value) {
        send(new ProducerRecord<>(topic.name(), null, record.key(), value, record.headers()));
    }
}
