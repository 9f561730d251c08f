package io.netrare.runtime.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import java.time.Instant;
import java.util.Collection;

/**
 * A service's logic inside the {@link KafkaLoop}. All methods run on the loop's thread, one at a time,
 * so a processor may keep plain (non-thread-safe) state.
 */
public interface RecordProcessor {

    /**
     * Processes one input record. Throw {@link RetriableProcessingException} for errors worth retrying,
     * {@link StageException} to name the failing stage; any other exception applies the default stage's
     * failure policy. An {@link Error} is a crash: nothing of the open batch is committed.
     */
    void process(ConsumerRecord<byte[], byte[]> record, Output out) throws Exception;

    /**
     * Called once per loop iteration, after the polled batch (which may be empty), inside the same
     * transaction: close buckets by wall clock, emit what is due. An exception here is not retried and
     * stops the loop (the batch is aborted; a restart resumes from the last commit).
     */
    default void onTick(Instant now, Output out) throws Exception {
    }

    /** Partitions newly assigned to this instance: restore their state here. */
    default void onAssigned(Collection<TopicPartition> partitions) {
    }

    /** Partitions taken away (everything up to here is committed): drop or flush their state here. */
    default void onRevoked(Collection<TopicPartition> partitions) {
    }
}
