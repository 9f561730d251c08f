package io.netrare.runtime.kafka;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicReference;

import static java.util.Objects.requireNonNull;

/**
 * Writes batches of records as Kafka transactions, for sources that read outside Kafka (files) and so have
 * no consumer offsets to commit: each batch carries its own position records (e.g. on a compacted checkpoint
 * topic), committed atomically with its output. The transactional id is
 * {@link KafkaSettings#transactionalId}, as the {@link KafkaLoop}'s, so a restarted instance fences
 * its predecessor and aborts the transaction a kill left open. Not thread-safe: one writer per source thread.
 */
public final class TransactionalWriter implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final String transactionalId;
    private final ConnectionWatch connection;
    private long committed;

    /** Creates the producer and initializes its transactions (fencing a previous incarnation). */
    public TransactionalWriter(KafkaSettings kafka, String service, String name) {
        requireNonNull(kafka, "kafka is null");
        requireNonNull(service, "service is null");
        requireNonNull(name, "name is null");
        this.transactionalId = kafka.transactionalId(service, name);
        this.producer = new KafkaProducer<>(ClientConfigs.producer(kafka, kafka.clientIdOf(service, name), transactionalId));
        this.connection = new ConnectionWatch(producer::metrics, "producer-metrics");
        try {
            producer.initTransactions();
        } catch (RuntimeException e) {
            // a producer left behind would finish its InitProducerId once the brokers return and fence the next writer
            producer.close(Duration.ZERO);
            throw e;
        }
    }

    /**
     * Sends the records in one transaction and commits it; returns once the commit is acknowledged. On any
     * failure the transaction is aborted (where possible) and the exception is thrown: nothing of the batch
     * is visible to read_committed consumers, and the caller should stop and resume from its last commit.
     */
    public void commit(Collection<ProducerRecord<byte[], byte[]>> records) {
        producer.beginTransaction();
        try {
            AtomicReference<Exception> failed = new AtomicReference<>();
            for (ProducerRecord<byte[], byte[]> r : records) {
                producer.send(r, (md, e) -> {
                    if (e != null) {
                        failed.compareAndSet(null, e);
                    }
                });
                if (failed.get() != null) {
                    // a send that failed at once (the brokers away: no metadata within max.block.ms) fails the
                    // transaction; sending the rest would block that long for every record
                    throw failed.get() instanceof RuntimeException re ? re : new KafkaException(failed.get());
                }
            }
            producer.commitTransaction();
            committed++;
        } catch (RuntimeException e) {
            try {
                producer.abortTransaction();
            } catch (RuntimeException abortFailed) {
                e.addSuppressed(abortFailed);
            }
            throw e;
        }
    }

    /**
     * True when the producer holds no connection to any broker (its {@code connection-count}, read at most once
     * a second): a writer with nothing to commit sees no error when the brokers go away, so an idle source
     * asks this to report the outage.
     */
    public boolean disconnected() {
        return connection.check();
    }

    /** Transactions committed so far. */
    /** How many partitions {@code topic} has, as the producer's metadata says (waiting for it up to max.block.ms). */
    public int partitions(String topic) {
        return producer.partitionsFor(topic).size();
    }

    public long committed() {
        return committed;
    }

    public String transactionalId() {
        return transactionalId;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
