package io.netrare.runtime.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

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
     * stops the loop (the batch is aborted; a restart resumes from the last commit). Not called while the
     * loop has lost the brokers ({@link #onBrokersBack}).
     */
    default void onTick(Instant now, Output out) throws Exception {
    }

    /**
     * The loop had lost the brokers (an outage it rode out, or an idle consumer left without a connection) and
     * has them again. Wall-clock timers that wait for input (idle close, waiting for other shares) restart
     * here: the services upstream were cut off as well and resume only now, so the time without input was an
     * outage, not quiet input. {@link #onTick} is not called while the brokers are away.
     */
    default void onBrokersBack(Instant now) {
    }

    /** Partitions newly assigned to this instance: restore their state here. */
    default void onAssigned(Collection<TopicPartition> partitions) {
    }

    /**
     * Partitions newly assigned, with the offsets (and metadata) last committed for them, or no entry for a
     * partition never committed. Defaults to {@link #onAssigned(Collection)}.
     */
    default void onAssigned(Collection<TopicPartition> partitions, Map<TopicPartition, OffsetAndMetadata> committed) {
        onAssigned(partitions);
    }

    /**
     * The offsets to commit with this batch. {@code consumed} holds, for each partition read in the batch,
     * the position after its last record. A stateful processor may commit less (the first record of state it
     * has not yet made durable, so a restart reads it again) and attach metadata, or add partitions it holds
     * state for. Defaults to {@code consumed}.
     */
    default Map<TopicPartition, OffsetAndMetadata> offsetsToCommit(Map<TopicPartition, OffsetAndMetadata> consumed) {
        return consumed;
    }

    /**
     * Partitions taken away: drop or flush their state here. Normally everything processed up to here is
     * committed (the loop commits its open batch before a revocation, and commits a batch again after an
     * outage rather than read its input again). When the group moved on without this instance (partitions
     * lost, a commit refused because the group rebalanced), or an outage struck before the processor was done
     * with the batch, the batch is dropped uncommitted and a following {@link #onAssigned(Collection, Map)}
     * hands the last commits again: state kept between polls must be restored from them, not carried over.
     */
    default void onRevoked(Collection<TopicPartition> partitions) {
    }
}
