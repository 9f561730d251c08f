package io.netrare.ingest.service;

import io.netrare.ingest.IngestPipeline;
import io.netrare.ingest.LineReader;
import io.netrare.ingest.Outcome;
import io.netrare.runtime.RunningService;
import io.netrare.runtime.kafka.ClientConfigs;
import io.netrare.runtime.kafka.DeadLetters;
import io.netrare.runtime.kafka.KafkaSettings;
import io.netrare.runtime.kafka.LoopSettings;
import io.netrare.runtime.kafka.TopicAdmin;
import io.netrare.runtime.metrics.MetricsSettings;
import io.netrare.runtime.testing.KafkaBrokerExtension;
import io.netrare.schema.EventCodec;
import io.netrare.schema.Json;
import io.netrare.schema.NetworkEvent;
import io.netrare.simulator.FleetSimulator;
import io.netrare.simulator.FleetSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ingest service reads a file into the events topic; stopped mid-file without committing its open
 * batch (as a kill would leave it) and started again, it neither loses nor duplicates an event.
 */
class FileSourceIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @TempDir
    Path dir;

    @Test
    void aRestartMidFileNeitherLosesNorDuplicates() throws Exception {
        Path file = dir.resolve("fleet.ndjson");
        try (Writer w = Files.newBufferedWriter(file)) {
            new FleetSimulator(FleetSpec.demo().withDays(1).withSeed(4)).writeEcs(w);
        }
        IngestSettings settings = IngestSettings.defaults().withFiles(List.of(file)).withRawTopic(false).withMaxPast("none");
        List<String> expected = expected(file, settings);
        assertThat(expected).hasSizeGreaterThan(5000);

        KafkaSettings kafka = KAFKA.settings("ingest-files").withTopicPrefix(KAFKA.uniqueTopic("files"));
        TopicAdmin.createAll(kafka, 4);
        IngestServiceConfig config = new IngestServiceConfig(kafka, MetricsSettings.localFreePort(), LoopSettings.defaults(),
                null, new IngestSettings(settings.files(), false, settings.format(), null, 300, "none"));
        String events = kafka.topics().events().name();
        try (RunningService<IngestServiceConfig> first = IngestMain.runner().start(config)) {
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    first.registry().get("netrare.ingest.events.emitted").counter().count() > 1500);
        } // stopped mid-file: the open batch is never committed
        List<ConsumerRecord<byte[], byte[]>> before = KAFKA.readCommitted(events, 1, Duration.ofSeconds(30));
        assertThat(before.stream().mapToInt(r -> EventCodec.decodeAll(r.value()).size()).sum()).isLessThan(expected.size());

        try (RunningService<IngestServiceConfig> second = IngestMain.runner().start(config)) {
            FileSource source = second.injector().getInstance(FileSource.class);
            // finished means committed: what the topic holds committed the moment it says so is every event, once
            // (a last batch still being committed after the reader thread reached the end would be missing)
            List<ConsumerRecord<byte[], byte[]>> records = committedWhen(kafka, events,
                    () -> source.finished() || source.failure().isPresent());
            List<String> got = records.stream().flatMap(r -> EventCodec.decodeAll(r.value()).stream())
                    .map(Json::writeString).toList();
            assertThat(source.failure()).isEmpty();
            assertThat(got.size()).as("events committed when finished").isEqualTo(expected.size());
            assertThat(counts(got)).isEqualTo(counts(expected));
            // packed: batches of at most events_per_record, each entity's events in the partition its key gives
            assertThat(records).allSatisfy(r -> assertThat(EventCodec.isBatch(r.value())).isTrue());
            assertThat(records.size()).isLessThan(expected.size() / 10);
            EventKeys keys = new EventKeys(settings.ingestConfig(io.netrare.schema.spi.JobSpec.anchorDefault()));
            for (ConsumerRecord<byte[], byte[]> r : records) {
                List<NetworkEvent> batch = EventCodec.decodeAll(r.value());
                assertThat(batch).hasSizeLessThanOrEqualTo(IngestSettings.EVENTS_PER_RECORD);
                for (NetworkEvent e : batch) {
                    assertThat(org.apache.kafka.common.utils.Utils.toPositive(
                            org.apache.kafka.common.utils.Utils.murmur2(keys.of(e))) % 4).isEqualTo(r.partition());
                }
            }
        }
    }

    @Test
    void theDeadLetterOfAOneMebibyteLineFitsTheProducerLimit() throws Exception {
        Path file = dir.resolve("huge.ndjson");
        int size = (1 << 20) + 4096; // longer than the record limit: rejected, its first MiB kept
        StringBuilder line = new StringBuilder(size + 1).append("{\"message\":\"");
        while (line.length() < size - 2) {
            line.append('x');
        }
        line.append("\"}\n");
        Files.writeString(file, line);
        IngestSettings settings = IngestSettings.defaults().withFiles(List.of(file)).withRawTopic(false).withMaxPast("none");
        KafkaSettings kafka = KAFKA.settings("ingest-huge").withTopicPrefix(KAFKA.uniqueTopic("huge"));
        TopicAdmin.createAll(kafka, 1);
        IngestServiceConfig config = new IngestServiceConfig(kafka, MetricsSettings.localFreePort(), LoopSettings.defaults(),
                null, settings);
        try (RunningService<IngestServiceConfig> ingest = IngestMain.runner().start(config)) {
            FileSource source = ingest.injector().getInstance(FileSource.class);
            await().atMost(Duration.ofSeconds(120)).until(() -> source.finished() || source.failure().isPresent());
            assertThat(source.failure()).isEmpty();
            List<ConsumerRecord<byte[], byte[]>> letters = KAFKA.readCommitted(kafka.topics().deadLetters("ingest").name(), 1,
                    Duration.ofSeconds(60));
            assertThat(letters).hasSize(1);
            ConsumerRecord<byte[], byte[]> letter = letters.get(0);
            assertThat(letter.value().length).isLessThan(DeadLetters.DEFAULT_MAX_REQUEST_SIZE);
            int original = Integer.parseInt(new String(letter.headers().lastHeader(DeadLetters.ORIGINAL_SIZE).value(),
                    java.nio.charset.StandardCharsets.UTF_8));
            assertThat(original).isGreaterThan(letter.value().length);
            assertThat(new String(letter.headers().lastHeader(DeadLetters.ERROR_REASON).value(),
                    java.nio.charset.StandardCharsets.UTF_8)).isNotBlank();
        }
    }

    @Test
    void anUnreadableCheckpointIsSkippedDeadLetteredAndCounted() throws Exception {
        Path file = dir.resolve("small.ndjson");
        try (Writer w = Files.newBufferedWriter(file)) {
            new FleetSimulator(FleetSpec.demo().withDays(1).withHosts(2).withSeed(5)).writeEcs(w);
        }
        IngestSettings settings = IngestSettings.defaults().withFiles(List.of(file)).withRawTopic(false).withMaxPast("none");
        KafkaSettings kafka = KAFKA.settings("ingest-poison").withTopicPrefix(KAFKA.uniqueTopic("poison")).withInstanceId("poisoned");
        TopicAdmin.createAll(kafka, 1);
        TopicAdmin.create(kafka, List.of(kafka.topics().ingestCheckpoints()), 1, (short) 1);
        try (org.apache.kafka.clients.producer.KafkaProducer<byte[], byte[]> p = new org.apache.kafka.clients.producer.KafkaProducer<>(
                io.netrare.runtime.kafka.ClientConfigs.producer(kafka, "poisoner", null))) {
            p.send(new org.apache.kafka.clients.producer.ProducerRecord<>(kafka.topics().ingestCheckpoints().name(), 0,
                    "poisoned/1:2".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    "{not a position".getBytes(java.nio.charset.StandardCharsets.UTF_8))).get();
        }
        IngestServiceConfig config = new IngestServiceConfig(kafka, MetricsSettings.localFreePort(), LoopSettings.defaults(),
                null, settings);
        try (RunningService<IngestServiceConfig> ingest = IngestMain.runner().start(config)) {
            FileSource source = ingest.injector().getInstance(FileSource.class);
            await().atMost(Duration.ofSeconds(120)).until(() -> source.finished() || source.failure().isPresent());
            assertThat(source.failure()).isEmpty();
            assertThat(ingest.registry().get("netrare.ingest.checkpoints.unreadable").counter().count()).isEqualTo(1.0);
            List<ConsumerRecord<byte[], byte[]>> letters = KAFKA.readCommitted(kafka.topics().deadLetters("ingest").name(), 1,
                    Duration.ofSeconds(60));
            assertThat(letters).anyMatch(l -> "checkpoints".equals(new String(l.headers().lastHeader(DeadLetters.STAGE).value(),
                    java.nio.charset.StandardCharsets.UTF_8)));
        }
    }

    @Test
    void aSourceThatHasReadAllItsInputIsNotReadyWhileTheBrokersAreAway() throws Exception {
        Path file = dir.resolve("read.ndjson");
        try (Writer w = Files.newBufferedWriter(file)) {
            new FleetSimulator(FleetSpec.demo().withDays(1).withHosts(2).withSeed(6)).writeEcs(w);
        }
        IngestSettings settings = IngestSettings.defaults().withFiles(List.of(file)).withRawTopic(false).withMaxPast("none");
        io.netrare.runtime.broker.EmbeddedKafkaBroker.Options options = io.netrare.runtime.broker.EmbeddedKafkaBroker.Options
                .defaults().withDataDir(dir.resolve("kafka"));
        io.netrare.runtime.broker.EmbeddedKafkaBroker broker = io.netrare.runtime.broker.EmbeddedKafkaBroker.start(options);
        options = options.withPort(broker.port());
        try {
            KafkaSettings kafka = KafkaSettings.forBootstrap(broker.bootstrapServers());
            TopicAdmin.createAll(kafka, 1);
            IngestServiceConfig config = new IngestServiceConfig(kafka, MetricsSettings.localFreePort(),
                    LoopSettings.defaults(), null, settings);
            try (RunningService<IngestServiceConfig> ingest = IngestMain.runner().start(config)) {
                FileSource source = ingest.injector().getInstance(FileSource.class);
                await().atMost(Duration.ofSeconds(120)).until(() -> source.finished() || source.failure().isPresent());
                assertThat(source.failure()).isEmpty();
                await().atMost(Duration.ofSeconds(10)).until(ingest::ready);
                broker.stop(); // the source makes no Kafka call any more: only its producer's connections tell
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> !ingest.ready());
                broker = io.netrare.runtime.broker.EmbeddedKafkaBroker.start(options);
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(ingest::ready);
                assertThat(source.failure()).isEmpty();
            }
        } finally {
            broker.stop();
        }
    }

    /**
     * Every record committed on the topic when {@code moment} first holds: read_committed, up to the last stable
     * offsets taken as soon as it holds, so a transaction begun or committed later is not waited for. Only the
     * commit markers of a transaction already decided then (the coordinator writes them after it acknowledged the
     * commit) are waited for: its state leaves PrepareCommit once they are written.
     */
    private static List<ConsumerRecord<byte[], byte[]>> committedWhen(KafkaSettings kafka, String topic,
                                                                       java.util.concurrent.Callable<Boolean> moment) throws Exception {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        String transactionalId = kafka.transactionalId(RawRecordProcessor.SERVICE, "files");
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(ClientConfigs.consumer(kafka, "test-now", null, 1000));
             Admin admin = Admin.create(ClientConfigs.admin(kafka, "test-now-admin"))) {
            List<TopicPartition> partitions = c.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            c.endOffsets(partitions); // connected before the moment, so the offsets below come at once
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(1)).until(moment);
            await().atMost(Duration.ofSeconds(30)).until(() -> admin.describeTransactions(List.of(transactionalId)).all()
                    .get().get(transactionalId).state() != TransactionState.PREPARE_COMMIT);
            Map<TopicPartition, Long> end = c.endOffsets(partitions); // read_committed: the last stable offsets
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                c.poll(Duration.ofMillis(100)).forEach(out::add);
                return partitions.stream().allMatch(p -> c.position(p) >= end.get(p));
            });
        }
        return out;
    }

    private static Map<String, Long> counts(List<String> values) {
        return values.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    /** What one uninterrupted read of the file emits, as the JSON on the events topic. */
    private static List<String> expected(Path file, IngestSettings settings) throws Exception {
        List<String> out = new ArrayList<>();
        IngestPipeline pipeline = new IngestPipeline(settings.ingestConfig(io.netrare.schema.spi.JobSpec.anchorDefault()),
                Clock.systemUTC(), file.toString(), o -> {
                    if (o instanceof Outcome.Emitted e) {
                        out.add(Json.writeString(e.event()));
                    }
                });
        try (InputStream in = Files.newInputStream(file)) {
            new LineReader(in, 1 << 20, 0).readAll(pipeline::line);
        }
        pipeline.finish();
        return out;
    }
}
