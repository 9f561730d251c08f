package io.netrare.ingest.service;

import io.netrare.ingest.IngestConfig;
import io.netrare.ingest.Outcome;
import io.netrare.ingest.files.FileIdentity;
import io.netrare.ingest.files.FilePosition;
import io.netrare.ingest.files.FileTailer;
import io.netrare.runtime.kafka.BrokerOutage;
import io.netrare.runtime.kafka.DeadLetters;
import io.netrare.runtime.kafka.KafkaAccess;
import io.netrare.runtime.kafka.KafkaSettings;
import io.netrare.runtime.kafka.RetrySettings;
import io.netrare.runtime.kafka.TopicAdmin;
import io.netrare.runtime.kafka.TopicReader;
import io.netrare.runtime.kafka.TransactionalWriter;
import io.netrare.runtime.lifecycle.Component;
import io.netrare.schema.EventCodec;
import io.netrare.schema.Json;
import io.netrare.schema.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static java.util.Objects.requireNonNull;

/**
 * Reads files into the events topic with a {@link FileTailer}: once to their end, or followed like a log
 * shipper. Every poll's events, dead letters and the files' new positions (on the compacted checkpoints topic,
 * keyed by device and inode) are one Kafka transaction written by the runtime's {@link TransactionalWriter};
 * a restart reads the positions back with the runtime's {@link TopicReader} and resumes there, so a kill
 * neither loses nor duplicates an event. Two threads share the work: {@code netrare-ingest-read} polls the
 * tailer and encodes each batch while {@code netrare-ingest-files} commits the one before.
 */
public final class FileSource implements Component {

    private static final Logger LOG = LoggerFactory.getLogger(FileSource.class);

    private final IngestSettings settings;
    private final IngestConfig config;
    private final KafkaSettings kafka;
    private final Topics topics;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    /** Dead letters of unreadable checkpoints, written in the first transaction after the restore. */
    private final List<ProducerRecord<byte[], byte[]>> poison = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** True while the brokers are away: readiness false, the read waits. */
    private final AtomicBoolean outage = new AtomicBoolean();
    /** An outage was ridden out since the last commit: fencing now is the coordinator's abort, not a successor. */
    private volatile boolean outageSeen;
    private final EventKeys keys;
    /** Not thread-safe: used by the reading thread only (a retry's reader starts after the last one was joined). */
    private final java.util.function.Function<io.netrare.schema.NetworkEvent, byte[]> encoder = EventCodec.encoder();
    private Thread thread;

    public FileSource(IngestSettings settings, IngestConfig config, KafkaSettings kafka, IngestMetrics metrics, Clock clock) {
        this.settings = requireNonNull(settings, "settings is null");
        this.config = requireNonNull(config, "config is null");
        this.kafka = requireNonNull(kafka, "kafka is null");
        this.topics = kafka.topics();
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.keys = new EventKeys(config);
    }

    @Override
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        CheckpointTopicSettings c = settings.checkpoints();
        TopicAdmin.create(kafka, List.of(topics.ingestCheckpoints()), 1, (short) c.replicationFactor(), c.minInsyncReplicas());
        running.set(true);
        thread = new Thread(this::run, "netrare-ingest-files");
        thread.start();
    }

    private static final int FIRST_BATCH_LINES = 200;
    /** The writer's name: its transactional id is {@code <prefix>.ingest.files.<instance id>}. */
    private static final String WRITER = "files";
    /**
     * Waits between tries to reach the brokers again: at most a second, so the events resume soon after the
     * brokers do (each try itself waits up to max.block.ms for them). The services downstream restart their
     * idle clocks when the brokers answer; events that came later than their idle timeout would find the
     * open buckets closed.
     */
    private static final RetrySettings OUTAGE_RETRY = new RetrySettings(Duration.ofMillis(100), Duration.ofSeconds(1),
            2.0, Duration.ofSeconds(60));
    /** How often a source that has read all its input looks at the brokers' connection. */
    private static final Duration IDLE_WATCH = Duration.ofMillis(200);

    /**
     * Reads until stopped. An outage of the brokers is ridden out however long it lasts: the writer
     * is dropped (its open transaction is aborted), and once the brokers answer again the read resumes from
     * the last committed checkpoints, so nothing is lost or written twice. Only fencing by a newer instance
     * (outside an outage) or a non-Kafka error ends the source.
     */
    private void run() {
        try {
            BrokerOutage.untilConnected(this::readAll,
                    t -> BrokerOutage.recoverable(t, Duration.ZERO, kafka.transactionTimeout(), outageSeen),
                    OUTAGE_RETRY, running::get, (t, wait) -> {
                        outage.set(true);
                        outageSeen = true;
                        metrics.brokerOutage();
                        LOG.warn("ingest: brokers unavailable ({}); resuming from the last checkpoint in {}", t.toString(), wait);
                    });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            if (!running.get()) {
                return;
            }
            // an authorization error names the missing right (WRITE on a topic, or on the transactional id)
            Throwable cause = KafkaAccess.translate(t, kafka, KafkaAccess.Use.PRODUCE,
                    kafka.transactionalId(RawRecordProcessor.SERVICE, WRITER));
            failure.set(cause);
            LOG.error("file source failed ({}); a restart resumes at the last committed position", cause.getMessage(), t);
        }
    }

    /**
     * Reads the files until stopped. A second thread, {@code netrare-ingest-read}, reads, parses and encodes the
     * next batch while this one commits the last ({@link ReadAhead}); batches commit in the order read, and the
     * reader is stopped and joined on every way out, so a retry reads again from the last committed checkpoints.
     * Once every input file is read (or, following, while nothing new arrives) the source makes no Kafka call,
     * so it asks the writer whether the brokers are still connected: readiness follows their outage as the
     * consumer loops' does.
     */
    private void readAll() throws Exception {
        Encoding encoding = new Encoding();
        try (TransactionalWriter writer = new TransactionalWriter(kafka, RawRecordProcessor.SERVICE, WRITER);
             FileTailer tailer = new FileTailer(settings.files(), settings.follow(), config, clock, readCheckpoints(),
                     encoding)) {
            outage.set(false);
            encoding.partitions(writer.partitions(topics.events().name()));
            if (!poison.isEmpty()) {
                writer.commit(List.copyOf(poison));
                poison.clear();
            }
            LOG.info("ingest: {} {} (follow: {})", settings.follow().enabled() ? "following" : "reading", settings.files(),
                    settings.follow().enabled());
            try (ReadAhead<Prepared> ahead = ReadAhead.start("netrare-ingest-read", new Reading(tailer, encoding)::next,
                    Prepared::end)) {
                while (running.get()) {
                    if (finished.get()) { // every input file read and committed: only the outage watch is left
                        outage.set(writer.disconnected());
                        Thread.sleep(IDLE_WATCH.toMillis());
                        continue;
                    }
                    Prepared next = ahead.next(IDLE_WATCH); // null while the reader is still at it: look at running
                    if (next == null) {
                        continue;
                    }
                    if (!next.batch().isEmpty()) {
                        writer.commit(next.records());
                        outageSeen = false;
                        outage.set(false); // a commit went through: whatever the connection count said, they answer
                        metrics.accept(next.batch().outcomes(), FileTailer.Read::outcome);
                        metrics.bytesRead(next.batch().bytes());
                    }
                    if (next.end()) {
                        finished.set(true);
                        LOG.info("ingest: every input file read to its end");
                    } else if (next.batch().lines() == 0) {
                        outage.set(writer.disconnected());
                    }
                }
            }
        }
    }

    /** One poll of the tailer, encoded for the writer; {@code end} when the tailer has read every input to its end. */
    private record Prepared(FileTailer.Batch batch, List<ProducerRecord<byte[], byte[]>> records, boolean end) {
    }

    /** A batch closes once its events hold this many bytes (the brokers' message limit is far above). */
    static final int MAX_RECORD_BYTES = 128 * 1024;

    /**
     * The records of a batch's outcomes, built as the tailer reads each line, while its event is still in the CPU's
     * cache (on the reader thread): dead letters as they come, and the events packed into batches
     * ({@link EventCodec#batch}) of up to {@code events_per_record} events of one partition of the events topic, in the
     * order read. An event goes to the partition Kafka's default partitioner would give its entity key (murmur2 of
     * the key, modulo the partitions), so each entity's events stay in one partition, in order, as with keyed
     * records; an event without an entity goes alone with no key, as before, for the services to dead-letter.
     */
    private final class Encoding implements java.util.function.Consumer<FileTailer.Read> {
        private List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        /** The events topic's partitions, as the producer sees them when the read starts, and a batch open for each. */
        private int partitions = 1;
        private EventCodec.Batcher batches = EventCodec.batcher(1);

        void partitions(int n) {
            partitions = Math.max(1, n);
            batches = EventCodec.batcher(partitions);
        }

        @Override
        public void accept(FileTailer.Read read) {
            if (read.outcome() instanceof Outcome.Emitted e) {
                byte[] key = keys.of(e.event());
                if (key == null || settings.eventsPerRecord() == 1) {
                    records.add(new ProducerRecord<>(topics.events().name(), key, encoder.apply(e.event())));
                    return;
                }
                int p = org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils.murmur2(key))
                        % partitions;
                batches.add(p, e.event());
                if (batches.count(p) == settings.eventsPerRecord() || batches.bytes(p) >= MAX_RECORD_BYTES) {
                    records.add(batchRecord(p));
                }
            } else if (read.outcome() instanceof Outcome.Rejected r) {
                records.add(DeadLetters.fit(DeadLetters.ofExternal(topics.deadLetters(RawRecordProcessor.SERVICE).name(),
                        read.file(), r.offset(), r.original(), "parse",
                        new RawRecordProcessor.RejectedInputException(r.reason().tag() + ": " + r.detail())),
                        DeadLetters.maxRequestSize(kafka)));
            }
        }

        /** The records built since the last call: its dead letters, single events and full batches, then the rest. */
        List<ProducerRecord<byte[], byte[]>> take() {
            List<ProducerRecord<byte[], byte[]>> out = records;
            records = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                if (batches.count(p) > 0) {
                    out.add(batchRecord(p));
                }
            }
            return out;
        }

        private ProducerRecord<byte[], byte[]> batchRecord(int partition) {
            return new ProducerRecord<>(topics.events().name(), partition, null, batches.take(partition));
        }
    }

    /** The reader thread's side: the only one that touches the tailer once the read-ahead started. */
    private final class Reading {
        private final FileTailer tailer;
        private final Encoding encoding;
        // the first transactions are small so the first events reach the services at once; then they
        // grow to batch_lines, which amortizes the commit
        private int lines = Math.min(FIRST_BATCH_LINES, settings.batchLines());
        private boolean idle;

        Reading(FileTailer tailer, Encoding encoding) {
            this.tailer = tailer;
            this.encoding = encoding;
        }

        Prepared next() throws InterruptedException {
            if (idle) { // the last poll found nothing new: wait a poll interval before the next
                Thread.sleep(Math.max(1, settings.follow().pollInterval().toMillis()));
            }
            FileTailer.Batch batch = tailer.poll(lines);
            lines = Math.min(settings.batchLines(), lines * 2);
            metrics.files(tailer.openFiles(), tailer.stats());
            boolean end = tailer.finished();
            idle = !end && batch.lines() == 0;
            List<ProducerRecord<byte[], byte[]>> records = encoding.take();
            return new Prepared(batch, batch.isEmpty() ? List.of() : withPositions(records, batch), end);
        }
    }

    /** A batch's records (its outcomes', see {@link Encoding}) followed by its files' new positions. */
    private List<ProducerRecord<byte[], byte[]>> withPositions(List<ProducerRecord<byte[], byte[]>> out,
                                                              FileTailer.Batch batch) {
        String checkpoints = topics.ingestCheckpoints().name();
        for (Map.Entry<String, FilePosition> p : batch.positions().entrySet()) {
            out.add(new ProducerRecord<>(checkpoints, 0, (keyPrefix() + p.getKey()).getBytes(StandardCharsets.UTF_8),
                    p.getValue() == null ? null : Json.write(p.getValue()))); // null: a tombstone
        }
        return out;
    }

    /**
     * Checkpoint keys are {@code <instance id>/<device>:<inode>}: instances on different hosts share the topic,
     * and a device and inode are only unique on one host.
     */
    private String keyPrefix() {
        return kafka.effectiveInstanceId() + "/";
    }

    /** This instance's positions committed so far, read to the end of the checkpoints topic (read_committed). */
    private Map<String, FilePosition> readCheckpoints() throws InterruptedException {
        Map<String, FilePosition> out = new ConcurrentHashMap<>();
        TopicReader reader = new TopicReader(kafka, topics.ingestCheckpoints().name(), r -> {
            String full = r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
            if (!full.startsWith(keyPrefix())) {
                return; // another instance's, or keyed by path (written before files were identified by inode)
            }
            String key = full.substring(keyPrefix().length());
            if (!FileIdentity.isKey(key)) {
                return;
            }
            if (r.value() == null) {
                out.remove(key);
                return;
            }
            try {
                out.put(key, Json.read(r.value(), FilePosition.class));
            } catch (RuntimeException e) {
                // an unreadable checkpoint must not stop every restart: that file is read again from its start
                LOG.warn("ingest: unreadable checkpoint {}-{}@{} skipped and dead-lettered: {}", r.topic(), r.partition(),
                        r.offset(), e.toString());
                metrics.poisonCheckpoint();
                poison.add(DeadLetters.fit(DeadLetters.of(topics.deadLetters(RawRecordProcessor.SERVICE).name(), r,
                        "checkpoints", e), DeadLetters.maxRequestSize(kafka)));
            }
        });
        reader.start();
        try {
            if (!reader.awaitCaughtUp(Duration.ofMinutes(2))) {
                throw new BrokerOutage.RestoreTimeoutException("could not read the checkpoints topic "
                        + topics.ingestCheckpoints().name() + " within 2 minutes"
                        + reader.failure().map(f -> ": " + f).orElse(""));
            }
        } finally {
            reader.stop();
        }
        return Map.copyOf(out);
    }

    /** True once every input file has been read to its end and committed (never when following). */
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
