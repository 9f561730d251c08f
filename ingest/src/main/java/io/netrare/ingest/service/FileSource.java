package io.netrare.ingest.service;

import io.netrare.ingest.IngestConfig;
import io.netrare.ingest.IngestMetrics;
import io.netrare.ingest.IngestPipeline;
import io.netrare.ingest.LineReader;
import io.netrare.ingest.Outcome;
import io.netrare.runtime.kafka.BrokerOutage;
import io.netrare.runtime.kafka.ClientConfigs;
import io.netrare.runtime.kafka.DeadLetters;
import io.netrare.runtime.kafka.KafkaSettings;
import io.netrare.runtime.kafka.RetrySettings;
import io.netrare.runtime.kafka.TopicAdmin;
import io.netrare.runtime.lifecycle.Component;
import io.netrare.schema.Json;
import io.netrare.schema.Topics;
import io.netrare.schema.spi.EntityKey;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * Reads files (or every file of a directory) to their end into the events topic. Every batch of lines is
 * one Kafka transaction holding its events, its dead letters and the file's new position on the compacted
 * checkpoints topic; a restart reads the positions back and resumes there, so a kill mid-file neither
 * loses nor duplicates an event.
 */
public final class FileSource implements Component {

    private static final Logger LOG = LoggerFactory.getLogger(FileSource.class);

    /** Where a file stands: the byte offset to resume from and the last auditd serial emitted. */
    record Position(long offset, long auditSequence, boolean done) {
    }

    private final List<Path> inputs;
    private final IngestConfig config;
    private final int batchLines;
    private final KafkaSettings kafka;
    private final Topics topics;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    /** True while the brokers are away: readiness false, the read waits. */
    private final AtomicBoolean outage = new AtomicBoolean();
    private volatile java.time.Instant transactionBegan;
    private Thread thread;

    public FileSource(List<Path> inputs, IngestConfig config, int batchLines, KafkaSettings kafka, IngestMetrics metrics,
                      Clock clock) {
        this.inputs = List.copyOf(inputs);
        this.config = requireNonNull(config, "config is null");
        this.batchLines = batchLines;
        this.kafka = requireNonNull(kafka, "kafka is null");
        this.topics = kafka.topics();
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        TopicAdmin.create(kafka, List.of(topics.ingestCheckpoints()), 1, (short) 1);
        running.set(true);
        thread = new Thread(this::run, "netrare-ingest-files");
        thread.start();
    }

    /**
     * Reads until done or stopped. An outage of the brokers is ridden out however long it lasts: the
     * producer is dropped (its open transaction is aborted), and once the brokers answer again the read
     * resumes from the last committed checkpoint, so nothing is lost or written twice.
     */
    private void run() {
        for (int attempt = 1; running.get(); attempt++) {
            try {
                readAll();
                outage.set(false);
                return;
            } catch (Throwable t) {
                Duration age = transactionBegan == null ? Duration.ZERO : Duration.between(transactionBegan, clock.instant());
                if (!running.get()) {
                    return;
                }
                if (!BrokerOutage.recoverable(t, age, kafka.transactionTimeout(), outage.get())) {
                    failure.set(t);
                    LOG.error("file source failed", t);
                    return;
                }
                outage.set(true);
                metrics.brokerOutage();
                Duration wait = BrokerOutage.backoff(RetrySettings.defaults(), attempt);
                LOG.warn("ingest: brokers unavailable ({}); resuming from the last checkpoint in {}", t.toString(), wait);
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void readAll() throws IOException {
        transactionBegan = null;
        String txId = kafka.topicPrefix() + ".ingest.files." + kafka.effectiveInstanceId();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(ClientConfigs.producer(kafka, "netrare-ingest-files", txId))) {
            producer.initTransactions(); // fences a killed predecessor and aborts its open transaction
            Map<String, Position> positions = readCheckpoints();
            outage.set(false);
            for (Path file : files()) {
                if (!running.get()) {
                    return;
                }
                Position from = positions.getOrDefault(file.toString(), new Position(0, -1, false));
                if (from.done() && from.offset() >= Files.size(file)) {
                    continue;
                }
                new FileRead(file, from, producer).run();
            }
            finished.set(true);
            LOG.info("ingest: every input file read to its end");
        }
    }

    private List<Path> files() throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                try (Stream<Path> s = Files.list(input)) {
                    s.filter(Files::isRegularFile).sorted().forEach(out::add);
                }
            } else {
                out.add(input);
            }
        }
        return out;
    }

    private Map<String, Position> readCheckpoints() {
        Map<String, Position> out = new HashMap<>();
        String topic = topics.ingestCheckpoints().name();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(ClientConfigs.consumer(kafka, "netrare-ingest-checkpoints", null, 1000))) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            while (consumer.position(tp) < end) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value() != null) {
                        out.put(new String(r.key(), StandardCharsets.UTF_8), Json.read(r.value(), Position.class));
                    }
                }
            }
        }
        return out;
    }

    /** One file, from a position to its end, in transactions of {@code batchLines} lines. */
    private final class FileRead {
        private final Path file;
        private final Position from;
        private final KafkaProducer<byte[], byte[]> producer;
        private final IngestPipeline pipeline;
        private final List<ProducerRecord<byte[], byte[]>> batch = new ArrayList<>();
        private int lines;

        FileRead(Path file, Position from, KafkaProducer<byte[], byte[]> producer) {
            this.file = file;
            this.from = from;
            this.producer = producer;
            this.pipeline = new IngestPipeline(config, clock, file.toString(), this::outcome);
            pipeline.resumeAfterAuditSequence(from.auditSequence());
        }

        void run() throws IOException {
            LOG.info("ingest: reading {} from byte {}", file, from.offset());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                channel.position(from.offset());
                InputStream in = Channels.newInputStream(channel);
                LineReader reader = new LineReader(in, config.limits().maxRecordBytes(), from.offset());
                reader.readAll((buf, off, len, offset, truncated) -> {
                    if (lines >= batchLines) {
                        commit(new Position(pipeline.resumeOffset(offset), pipeline.lastAuditSequence(), false));
                    }
                    if (!running.get()) {
                        throw new Stopped();
                    }
                    lines++;
                    metrics.bytesRead(len + 1L);
                    pipeline.line(buf, off, len, offset, truncated);
                });
                pipeline.finish();
                commit(new Position(reader.position(), pipeline.lastAuditSequence(), true));
            } catch (Stopped stopped) {
                LOG.info("ingest: stopped while reading {}; a restart resumes at the last committed position", file);
            }
        }

        private void outcome(Outcome outcome) {
            metrics.accept(outcome);
            if (outcome instanceof Outcome.Emitted e) {
                EntityKey key = config.job().entityKey(e.event());
                byte[] k = key == null ? null : key.kafkaKey().getBytes(StandardCharsets.UTF_8);
                batch.add(new ProducerRecord<>(topics.events().name(), k, Json.write(e.event())));
            } else if (outcome instanceof Outcome.Rejected r) {
                RecordHeaders headers = new RecordHeaders();
                headers.add(DeadLetters.TOPIC, file.toString().getBytes(StandardCharsets.UTF_8));
                headers.add(DeadLetters.PARTITION, "-1".getBytes(StandardCharsets.UTF_8));
                headers.add(DeadLetters.OFFSET, Long.toString(r.offset()).getBytes(StandardCharsets.UTF_8));
                headers.add(DeadLetters.STAGE, "parse".getBytes(StandardCharsets.UTF_8));
                headers.add(DeadLetters.ERROR_CLASS, "RejectedInput".getBytes(StandardCharsets.UTF_8));
                headers.add(DeadLetters.ERROR_REASON, (r.reason().tag() + ": " + r.detail()).getBytes(StandardCharsets.UTF_8));
                batch.add(DeadLetters.fit(new ProducerRecord<byte[], byte[]>(topics.deadLetters("ingest").name(), null,
                        (byte[]) null, r.original(), headers), DeadLetters.maxRequestSize(kafka)));
            }
        }

        private void commit(Position position) {
            producer.beginTransaction();
            transactionBegan = clock.instant();
            batch.forEach(producer::send);
            producer.send(new ProducerRecord<>(topics.ingestCheckpoints().name(), 0,
                    file.toString().getBytes(StandardCharsets.UTF_8), Json.write(position)));
            producer.commitTransaction();
            transactionBegan = null;
            outage.set(false);
            batch.clear();
            lines = 0;
        }
    }

    /** Ends a read early on stop, without committing the open batch. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }

    /** True once every input file has been read to its end and committed. */
    public boolean finished() {
        return finished.get();
    }

    @Override
    public void stop() throws InterruptedException {
        running.set(false);
        Thread t = thread;
        if (t != null) {
            t.join(30_000);
        }
    }

    @Override
    public boolean healthy() {
        return failure.get() == null && !outage.get();
    }

    @Override
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure.get());
    }

    @Override
    public String name() {
        return "ingest-files";
    }
}
