package io.netrare.runtime.kafka;

import io.netrare.runtime.lifecycle.Component;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * Reads every partition of one topic from the beginning, continuously, with no consumer group
 * ({@code assign()}), read_committed: how the scoring service follows the compacted models topic.
 * The handler runs on the reader's own thread, so state it shares with a loop must be thread-safe.
 * Partitions added to the topic after start are not picked up (restart the service).
 */
public final class TopicReader implements Component {

    private static final Logger LOG = LoggerFactory.getLogger(TopicReader.class);

    private final KafkaSettings kafka;
    private final String topic;
    private final Consumer<ConsumerRecord<byte[], byte[]>> handler;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean running;
    private Thread thread;

    public TopicReader(KafkaSettings kafka, String topic, Consumer<ConsumerRecord<byte[], byte[]>> handler) {
        this.kafka = requireNonNull(kafka, "kafka is null");
        this.topic = requireNonNull(topic, "topic is null");
        this.handler = requireNonNull(handler, "handler is null");
    }

    @Override
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "netrare-reader-" + topic);
        thread.start();
    }

    private void run() {
        String clientId = (kafka.clientId().isBlank() ? "netrare" : kafka.clientId()) + "-reader-" + topic;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(ClientConfigs.consumer(kafka, clientId, null, 1000))) {
            List<TopicPartition> partitions = awaitPartitions(consumer);
            if (partitions.isEmpty()) {
                return;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    handler.accept(r);
                }
                if (caughtUp.getCount() > 0) {
                    end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
                    if (end.isEmpty()) {
                        caughtUp.countDown();
                    }
                }
            }
        } catch (Throwable t) {
            Throwable cause = KafkaAccess.translate(t, kafka, KafkaAccess.Use.CONSUME, null, List.of(topic));
            failure.set(cause);
            LOG.error("reader of {} failed: {}", topic, cause.getMessage(), t);
        } finally {
            running = false;
            finished.countDown();
        }
    }

    private List<TopicPartition> awaitPartitions(KafkaConsumer<byte[], byte[]> consumer) throws InterruptedException {
        while (running) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            }
            Thread.sleep(200);
        }
        return List.of();
    }

    /**
     * Reads every partition of a topic once, from the beginning to the end it had when reading started,
     * read_committed, handing each record to {@code handler} on the calling thread: how a service restores
     * state from a compacted topic. Returns the topic's partition count.
     *
     * @throws IllegalStateException when the topic is missing; {@link BrokerOutage.RestoreTimeoutException} (an outage,
     *         ridden out by the loop) when its end is not reached within {@code timeout}
     */
    public static int readToEnd(KafkaSettings kafka, String topic, String clientId, Duration timeout,
                                Consumer<ConsumerRecord<byte[], byte[]>> handler) {
        return readToEnd(kafka, topic, null, clientId, timeout, handler);
    }

    /**
     * {@link #readToEnd(KafkaSettings, String, String, Duration, Consumer)} over some partitions only
     * ({@code partitions} null: all of them); returns the topic's partition count.
     */
    public static int readToEnd(KafkaSettings kafka, String topic, Collection<Integer> partitions, String clientId,
                                Duration timeout, Consumer<ConsumerRecord<byte[], byte[]>> handler) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(ClientConfigs.consumer(kafka, clientId, null, 2000))) {
            long deadline = System.nanoTime() + timeout.toNanos();
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            while (infos == null || infos.isEmpty()) { // a topic just created may not be in the metadata yet
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topic " + topic + " does not exist");
                }
                sleep(200);
                infos = consumer.partitionsFor(topic, timeout);
            }
            List<TopicPartition> parts = infos.stream().filter(i -> partitions == null || partitions.contains(i.partition()))
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            if (parts.isEmpty()) {
                return infos.size();
            }
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(parts, timeout));
            end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            while (!end.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new BrokerOutage.RestoreTimeoutException("could not read " + topic + " to its end within " + timeout);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    handler.accept(r);
                }
                end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            }
            return infos.size();
        }
    }

    /**
     * Reads the last {@code perPartition} records of every partition of a topic (read_committed), handing
     * each to {@code handler} on the calling thread: a cheap look at what was written last.
     */
    public static void readTail(KafkaSettings kafka, String topic, int perPartition, String clientId, Duration timeout,
                                Consumer<ConsumerRecord<byte[], byte[]>> handler) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(ClientConfigs.consumer(kafka, clientId, null, 2000))) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                return;
            }
            List<TopicPartition> parts = infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(parts);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(parts, timeout);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(parts, timeout));
            for (TopicPartition tp : parts) {
                consumer.seek(tp, Math.max(begin.get(tp), end.get(tp) - perPartition));
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            while (!end.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    handler.accept(r);
                }
                end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The partition count of a topic. */
    public static int partitions(KafkaSettings kafka, String topic, Duration timeout) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(ClientConfigs.consumer(kafka,
                "netrare-partitions-" + kafka.effectiveInstanceId(), null, 2000))) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist");
            }
            return infos.size();
        }
    }

    /** Waits until everything in the topic at start time has been handed to the handler. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean caughtUp() {
        return caughtUp.getCount() == 0;
    }

    @Override
    public void stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            finished.await(30, TimeUnit.SECONDS);
        }
    }

    /** Healthy once caught up, while running. */
    @Override
    public boolean healthy() {
        return running && caughtUp() && failure.get() == null;
    }

    @Override
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure.get());
    }

    @Override
    public String name() {
        return "topic-reader-" + topic;
    }
}
