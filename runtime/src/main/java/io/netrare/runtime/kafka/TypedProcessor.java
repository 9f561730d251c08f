package io.netrare.runtime.kafka;

import io.netrare.schema.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
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

    /**
     * One input value: decoded, the record it was read from (partition, offset, key, headers), and its place in that
     * record ({@code index} from 0): a record may hold a batch of values ({@link #ofEach}), which then share its
     * partition and offset.
     */
    record Input<V>(ConsumerRecord<byte[], byte[]> record, V value, int index) {

        /** The value of a record that holds one value. */
        public Input(ConsumerRecord<byte[], byte[]> record, V value) {
            this(record, value, 0);
        }

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

    /**
     * Checks a value before it is processed: every value of a record is checked before the first is processed, so a
     * record that fails a check fails as a whole (dead letter, skip or fail), with none of its values in the state.
     */
    default void check(Input<V> in) throws Exception {
    }

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
     * The loop's processor for {@code topic}, whose records may each hold several values (the events topic's batches,
     * {@code EventCodec.batchReader}): {@code reader} decodes every value of a record, and {@code processor} takes them
     * one by one, in order, with their index in the record. A record that does not decode, or one of whose values fails
     * {@link #check}, fails as a whole, before any of its values is processed; {@code valuesRead} is told how many values
     * each record held.
     */
    static <V> RecordProcessor ofEach(Topics.TopicSpec<V> topic, java.util.function.Function<byte[], List<V>> reader,
                                      TypedProcessor<V> processor, java.util.function.IntConsumer valuesRead) {
        requireNonNull(topic, "topic is null");
        requireNonNull(reader, "reader is null");
        requireNonNull(processor, "processor is null");
        requireNonNull(valuesRead, "valuesRead is null");
        return new RecordProcessor() {
            @Override
            public void process(ConsumerRecord<byte[], byte[]> record, Output out) throws Exception {
                if (!record.topic().equals(topic.name())) {
                    throw new IllegalStateException("record of " + record.topic() + " given to the processor of " + topic.name());
                }
                List<V> values = reader.apply(record.value());
                List<Input<V>> inputs = new java.util.ArrayList<>(values.size());
                for (int i = 0; i < values.size(); i++) {
                    Input<V> in = new Input<>(record, values.get(i), i);
                    processor.check(in);
                    inputs.add(in);
                }
                for (Input<V> in : inputs) {
                    processor.process(in, out);
                }
                valuesRead.accept(values.size());
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

    /**
     * The loop's processor for {@code topic}, decoding with {@code reader} instead of the topic's serde (a service
     * that reads a few fields of a large value, e.g. {@code EventCodec.reader}).
     */
    static <V> RecordProcessor of(Topics.TopicSpec<V> topic, java.util.function.Function<byte[], V> reader,
                                  TypedProcessor<V> processor) {
        requireNonNull(reader, "reader is null");
        // a record holds one value (a tombstone's is null)
        return ofEach(topic, bytes -> java.util.Collections.singletonList(reader.apply(bytes)), processor, n -> { });
    }
}
