package io.netrare.runtime.kafka;

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
}
