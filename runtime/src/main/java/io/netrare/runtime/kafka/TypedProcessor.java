package io.netrare.runtime.kafka;

import io.netrare.schema.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A service's logic over one input topic, with the values decoded by the topic's serde
 * ({@link Topics.TopicSpec#read}). {@link #of} makes the {@link RecordProcessor} the loop runs; a value that
 * does not decode fails like any processing error (the loop's failure policy: dead letter, skip or fail).
 *
 * @param <V> the input topic's value type
 */
public interface TypedProcessor<V> {

    /** One input record: its value decoded, and the record as read (partition, offset, key, headers). */
    record Input<V>(ConsumerRecord<byte[], byte[]> record, V value) {

        public int partition() {
            return record.partition();
        }

        public long offset() {
            return record.offset();
        }

        /** The record's timestamp (produce time), epoch milliseconds. */
        public long timestamp() {
            return record.timestamp();
        }
    }

    void process(Input<V> in, Output out) throws Exception;

    /** See {@link RecordProcessor#onTick}. */
    default void onTick(Instant now, Output out) throws Exception {
    }

    /** See {@link RecordProcessor#onBrokersBack}. */
    default void onBrokersBack(Instant now) {
    }

    /** See {@link RecordProcessor#onAssigned(Collection, Map)}. */
    default void onAssigned(Collection<TopicPartition> partitions, Map<TopicPartition, OffsetAndMetadata> committed) {
    }

    /** See {@link RecordProcessor#offsetsToCommit}. */
    default Map<TopicPartition, OffsetAndMetadata> offsetsToCommit(Map<TopicPartition, OffsetAndMetadata> consumed) {
        return consumed;
    }

    /** See {@link RecordProcessor#onRevoked}. */
    default void onRevoked(Collection<TopicPartition> partitions) {
    }

    /** The loop's processor for {@code topic}: decodes every record with the topic's serde, then hands it on. */
    static <V> RecordProcessor of(Topics.TopicSpec<V> topic, TypedProcessor<V> processor) {
        return of(topic, topic::read, processor);
    }

    /**
     * The loop's processor for {@code topic}, decoding with {@code reader} instead of the topic's serde (a service
     * that reads a few fields of a large value, e.g. {@code EventCodec.reader}).
     */
    static <V> RecordProcessor of(Topics.TopicSpec<V> topic, java.util.function.Function<byte[], V> reader,
                                  TypedProcessor<V> processor) {
        requireNonNull(topic, "topic is null");
        requireNonNull(reader, "reader is null");
        requireNonNull(processor, "processor is null");
        return new RecordProcessor() {
            @Override
            public void process(ConsumerRecord<byte[], byte[]> record, Output out) throws Exception {
                if (!record.topic().equals(topic.name())) {
                    throw new IllegalStateException("record of " + record.topic() + " given to the processor of " + topic.name());
                }
                processor.process(new Input<>(record, reader.apply(record.value())), out);
            }

            @Override
            public void onTick(Instant now, Output out) throws Exception {
                processor.onTick(now, out);
            }

            @Override
            public void onBrokersBack(Instant now) {
                processor.onBrokersBack(now);
            }

            @Override
            public void onAssigned(Collection<TopicPartition> partitions, Map<TopicPartition, OffsetAndMetadata> committed) {
                processor.onAssigned(partitions, committed);
            }

            @Override
            public Map<TopicPartition, OffsetAndMetadata> offsetsToCommit(Map<TopicPartition, OffsetAndMetadata> consumed) {
                return processor.offsetsToCommit(consumed);
            }

            @Override
            public void onRevoked(Collection<TopicPartition> partitions) {
                processor.onRevoked(partitions);
            }
        };
    }
}
