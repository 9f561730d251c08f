package io.netrare.deploy.bench;

import io.netrare.model.training.ShareHistory;
import io.netrare.model.training.TrainingEvents;
import io.netrare.model.training.TrainingSettings;
import io.netrare.model.training.TrainingShares;
import io.netrare.runtime.broker.EmbeddedKafkaBroker;
import io.netrare.runtime.bucket.ShareJoin;
import io.netrare.runtime.bucket.SharePosition;
import io.netrare.runtime.job.JobSettings;
import io.netrare.runtime.kafka.KeyPartitions;
import io.netrare.runtime.kafka.TopicAdmin;
import io.netrare.runtime.kafka.TopicSettings;
import io.netrare.schema.Json;
import io.netrare.schema.ModelSnapshot;
import io.netrare.schema.NetworkEvent;
import io.netrare.schema.ScoringSnapshotPart;
import io.netrare.schema.ScoringSnapshotStore;
import io.netrare.schema.Topics;
import io.netrare.schema.spi.EntityKey;
import io.netrare.schema.spi.JobSpec;
import io.netrare.schema.spi.ModelProvider;
import io.netrare.schema.spi.ShareDelta;
import io.netrare.schema.spi.SnapshotCheck;
import io.netrare.scoring.BucketEngine;
import io.netrare.scoring.stream.ScoredPosition;
import io.netrare.scoring.stream.ScoringSettings;
import io.netrare.scoring.stream.ScoringSnapshot;
import io.netrare.model.service.TrainingMain;
import io.netrare.scoring.service.ScoringMain;
import io.netrare.simulator.FleetSimulator;
import io.netrare.simulator.FleetSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The restart benchmark: how long a scoring restart takes, and how much heap it needs, after some days of history of a
 * simulated fleet. Not a test: {@code deploy/bench/restart-benchmark.sh [hosts] [days,days,...] [events scale]} builds
 * and runs it.
 *
 * <ol>
 * <li>Offline, with the services' own domain code: the fleet's events (in the simulator's order, split over the
 * events topic's partitions by entity key as ingest does) go through {@link TrainingShares} (deltas, share snapshots,
 * and the tombstones of deltas no restart needs, at most once a minute, as the training service publishes them); the
 * deltas, joined per bucket by a {@link ShareJoin}, go through the scoring {@link BucketEngine}, which takes a
 * {@link ScoringSnapshot} every {@code scoring.snapshot_every_buckets} buckets, one copy per events partition.</li>
 * <li>What the compacted topics hold at the end — each share's latest snapshot, the deltas not tombstoned, the
 * latest scoring snapshot parts — is written to an embedded broker, and the scoring group's commits say every
 * partition has scored the last bucket.</li>
 * <li>A scoring service starts in its own JVM ({@code -Xmx1g}, a GC log) and restores. Figures: the restore as the
 * service logs it (reading the snapshots, the models topic and learning the deltas after the snapshot), the time
 * from the process start to {@code /health/ready}, the largest heap occupancy the GC log shows, and the heap after
 * a full GC once ready ({@code jcmd GC.run}).</li>
 * </ol>
 * With {@code full} as fourth argument, it also measures the restart without snapshots (every delta kept, no scoring
 * snapshot), as it was before scoring snapshots existed.
 */
public final class RestartBenchmark {

    private static final int PARTITIONS = 4;
    private static final Pattern RESTORE = Pattern.compile("restore took (\\d+) ms");
    private static final Pattern GC = Pattern.compile("(\\d+)M->(\\d+)M\\(");

    private RestartBenchmark() {
    }

    /** What the topics hold after the history, and what it took to get there. */
    private record History(List<ModelSnapshot> models, Map<String, byte[]> scoringSnapshots, long lastScored,
                           long events, long deltasPublished, long deltaBytesPublished, long tombstones) {
    }

    public static void main(String[] args) throws Exception {
        int hosts = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        List<Integer> days = args.length > 1 ? java.util.Arrays.stream(args[1].split(",")).map(Integer::parseInt).toList()
                : List.of(1, 30);
        double scale = args.length > 2 ? Double.parseDouble(args[2]) : 0.1;
        boolean full = args.length > 3 && args[3].equals("full");
        System.out.printf("load average at start: %.2f (%d cores)%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        Path work = Files.createTempDirectory("netrare-restart-bench-");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            for (int d : days) {
                for (boolean snapshots : full ? List.of(true, false) : List.of(true)) {
                    long t0 = System.nanoTime();
                    History h = history(hosts, d, scale, snapshots);
                    long offlineMillis = (System.nanoTime() - t0) / 1_000_000;
                    String prefix = "rb" + d + (snapshots ? "s" : "f");
                    long bytes = write(broker.bootstrapServers(), prefix, h);
                    System.out.printf("%d hosts x %d days%s: %,d events, %,d deltas published (%,d bytes), %,d tombstoned;"
                                    + " models topic after compaction: %,d records, %,d bytes; %d scoring snapshot parts"
                                    + " (offline training %,d ms)%n", hosts, d, snapshots ? "" : " (no snapshots)", h.events(),
                            h.deltasPublished(), h.deltaBytesPublished(), h.tombstones(), h.models().size(), bytes,
                            h.scoringSnapshots().size(), offlineMillis);
                    restore(ScoringMain.class, broker.bootstrapServers(), prefix, work, d, snapshots);
                    restore(TrainingMain.class, broker.bootstrapServers(), prefix, work, d, snapshots);
                }
            }
        }
    }

    /** Trains offline what the training and scoring services would have published after {@code days} days. */
    static History history(int hosts, int days, double scale, boolean snapshots) {
        JobSettings jobSettings = JobSettings.defaults();
        JobSpec job = jobSettings.toJobSpec();
        ModelProvider provider = jobSettings.modelProvider();
        FleetSpec spec = FleetSpec.defaults().withHosts(hosts).withDays(days).withEventsPerBucketScale(scale)
                .withStart(Instant.parse("2026-10-01T00:00:00Z"));
        SettableClock clock = new SettableClock(spec.start());
        TrainingShares training = new TrainingShares(job, provider, TrainingSettings.defaults(), clock, TrainingEvents.NONE);
        SnapshotCheck check = SnapshotCheck.of(provider, SnapshotCheck.OnMismatch.fail);
        Map<Integer, TrainingShares.Assignment> assigned = new TreeMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            assigned.put(p, new TrainingShares.Assignment(new ShareHistory().share(p, check), SharePosition.START));
        }
        training.assign(PARTITIONS, 1, assigned);

        ScoringSettings scoringSettings = ScoringSettings.defaults();
        BucketEngine engine = BucketEngine.create(job, provider, scoringSettings.engineConfig(), clock);
        ShareJoin<ShareDelta> join = new ShareJoin<>(PARTITIONS);
        ScoringSnapshotStore store = new ScoringSnapshotStore(job.jobId());
        LinkedHashMap<String, ModelSnapshot> models = new LinkedHashMap<>();
        LinkedHashMap<String, byte[]> scoringTopic = new LinkedHashMap<>();
        long[] offsets = new long[PARTITIONS];
        long events = 0;
        long deltas = 0;
        long deltaBytes = 0;
        long tombstones = 0;
        long lastScored = Long.MIN_VALUE;
        int scored = 0;
        Iterator<NetworkEvent> it = new FleetSimulator(spec).datafeedEvents().iterator();
        List<TrainingShares.Publication> out = new ArrayList<>();
        while (it.hasNext()) {
            NetworkEvent e = it.next();
            EntityKey key = job.entityKey(e);
            if (key == null) {
                continue;
            }
            events++;
            clock.set(e.timestamp());
            int p = KeyPartitions.of(key.kafkaKey(), PARTITIONS);
            out.clear();
            training.place(p, offsets[p]++, e, out);
            for (TrainingShares.Publication pub : out) {
                ModelSnapshot m = pub.snapshot();
                models.remove(m.kafkaKey());
                models.put(m.kafkaKey(), m);
                if (m.isDelta()) {
                    deltas++;
                    deltaBytes += Json.write(m).length;
                    join.add(m.modelPartition(), m.bucket(), Json.mapper().convertValue(m.state(), ShareDelta.class));
                } else {
                    join.closed(m.modelPartition(), m.bucket());
                }
            }
            for (ShareJoin.Complete<ShareDelta> c : join.takeComplete()) {
                engine.learnOnly(ShareDelta.union(c.start(), new ArrayList<>(c.byShare().values())));
                lastScored = c.start();
                if (snapshots && ++scored % scoringSettings.snapshotEveryBuckets() == 0) {
                    ScoringSnapshot s = new ScoringSnapshot(job.jobId(), provider.type(), provider.formatVersion(),
                            c.start(), engine.lastScored(), engine.model().snapshot(), engine.normalizer().snapshot());
                    for (int partition = 0; partition < PARTITIONS; partition++) {
                        for (ScoringSnapshotPart part : s.parts(partition, 512 * 1024)) {
                            byte[] bytes = part.encode();
                            store.add(part.key().getBytes(StandardCharsets.UTF_8), bytes);
                            scoringTopic.put(part.key(), bytes);
                        }
                    }
                }
            }
            if (snapshots && training.deletionDue()) {
                for (TrainingShares.Tombstone t : training.deletable(store.floor(PARTITIONS))) {
                    models.remove(t.key());
                    tombstones++;
                }
            }
        }
        return new History(new ArrayList<>(models.values()), scoringTopic, lastScored, events, deltas, deltaBytes,
                tombstones);
    }

    /** Writes what the compacted topics hold; returns the bytes of the models topic. */
    private static long write(String bootstrap, String prefix, History h) throws Exception {
        Topics topics = new Topics(prefix);
        io.netrare.runtime.kafka.KafkaSettings kafka = io.netrare.runtime.kafka.KafkaSettings.forBootstrap(bootstrap)
                .withTopicPrefix(prefix);
        TopicAdmin.ensure(kafka, TopicAdmin.plan(topics, new TopicSettings(PARTITIONS, 1, 1,
                Map.of("models", 1, "dlq", 1, "ingest.checkpoints", 1, "scoring.snapshots", 1), Map.of())));
        long bytes = 0;
        Map<String, Object> props = new HashMap<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 << 20, ProducerConfig.LINGER_MS_CONFIG, 5));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (ModelSnapshot m : h.models()) {
                byte[] value = Json.write(m);
                bytes += value.length;
                producer.send(new ProducerRecord<>(topics.models().name(), 0, m.kafkaKey().getBytes(StandardCharsets.UTF_8),
                        value));
            }
            h.scoringSnapshots().forEach((key, value) -> producer.send(new ProducerRecord<>(
                    topics.scoringSnapshots().name(), 0, key.getBytes(StandardCharsets.UTF_8), value)));
            producer.flush();
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
            for (int p = 0; p < PARTITIONS; p++) {
                commits.put(new TopicPartition(topics.events().name(), p),
                        new OffsetAndMetadata(0, new ScoredPosition(h.lastScored(), 0).encode()));
            }
            admin.alterConsumerGroupOffsets(prefix + ".scoring", commits).all().get();
        }
        return bytes;
    }

    /** Starts a scoring or training service in its own JVM and waits until it has restored and is ready. */
    private static void restore(Class<?> main, String bootstrap, String prefix, Path work, int days, boolean snapshots)
            throws Exception {
        String service = main == ScoringMain.class ? "scoring" : "training";
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path config = work.resolve(prefix + "." + service + ".yaml");
        Files.writeString(config, """
                kafka:
                  bootstrap_servers: "%s"
                  topic_prefix: "%s"
                  instance_id: "bench"
                metrics:
                  host: 127.0.0.1
                  port: %d
                %s:
                  restore_timeout: 10m
                """.formatted(bootstrap, prefix, port, service));
        Path log = work.resolve(prefix + "." + service + ".log");
        Path gcLog = work.resolve(prefix + "." + service + ".gc.log");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(javaBin, "-Xmx1g", "-Xlog:gc:file=" + gcLog, "-cp",
                System.getProperty("java.class.path"), main.getName(), "--config", config.toString()));
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        long start = System.nanoTime();
        Process process = pb.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            long deadline = start + java.time.Duration.ofMinutes(15).toNanos();
            Long restoreMillis = null;
            long readyMillis = -1;
            while (System.nanoTime() < deadline && process.isAlive()) {
                if (restoreMillis == null) {
                    Matcher m = RESTORE.matcher(Files.readString(log));
                    restoreMillis = m.find() ? Long.parseLong(m.group(1)) : null;
                }
                if (restoreMillis != null && ready(http, port)) {
                    readyMillis = (System.nanoTime() - start) / 1_000_000;
                    break;
                }
                Thread.sleep(50);
            }
            if (readyMillis < 0) {
                throw new IllegalStateException("the " + service + " service did not restore; see " + log);
            }
            long peakMb = 0;
            for (String line : Files.readAllLines(gcLog)) {
                Matcher m = GC.matcher(line);
                if (m.find()) {
                    peakMb = Math.max(peakMb, Long.parseLong(m.group(1)));
                }
            }
            double usedMb = heapUsedMb(http, port);
            new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(process.pid()), "GC.run").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            double liveMb = heapUsedMb(http, port);
            String logText = Files.readString(log);
            String from = main != ScoringMain.class ? "share snapshots + later deltas"
                    : logText.contains("restored from the snapshot") ? "snapshot + later deltas" : "every delta";
            System.out.printf("  %s restart after %d days (%s): restore %,d ms, process start to ready %,d ms, "
                            + "peak heap %d MiB (GC log; %,.0f MiB used at ready), live heap after a full GC %,.0f MiB%n",
                    service, days, from, restoreMillis, readyMillis, Math.max(peakMb, Math.round(usedMb)), usedMb, liveMb);
        } finally {
            process.destroy();
            process.waitFor();
        }
    }

    private static boolean ready(HttpClient http, int port) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static double heapUsedMb(HttpClient http, int port) throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        double bytes = 0;
        for (String line : metrics.lines().toList()) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                bytes += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return bytes / (1 << 20);
    }

    /** The event time of the event being trained on: what the services' clocks would read in a live run. */
    private static final class SettableClock extends Clock {
        private Instant now;

        SettableClock(Instant start) {
            this.now = start;
        }

        void set(Instant at) {
            if (at.isAfter(now)) {
                now = at;
            }
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
