package io.netrare.deploy.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netrare.alerting.service.AlertingConfig;
import io.netrare.ingest.service.FileSource;
import io.netrare.ingest.service.IngestServiceConfig;
import io.netrare.ingest.service.IngestSettings;
import io.netrare.runtime.RunningService;
import io.netrare.runtime.kafka.KafkaSettings;
import io.netrare.runtime.job.JobSettings;
import io.netrare.runtime.kafka.ClientConfigs;
import io.netrare.schema.Alert;
import io.netrare.schema.AnomalyRecord;
import io.netrare.schema.Json;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * The whole pipeline over files, in this JVM, on an embedded broker: ingest reads the files, training and
 * scoring build and score the buckets, alerting applies the rules. {@code netrare run} and
 * {@code netrare demo} are this plus output.
 */
public final class PipelineRun implements AutoCloseable {

    /**
     * @param inputs    files or directories to ingest
     * @param rulesDir  rule files, or null for the shipped rule
     * @param alertsOut NDJSON file the alerting service appends alerts to, or null
     * @param maxPast   the ingest age limit ({@code none} replays history of any age)
     */
    public record Settings(List<Path> inputs, JobSettings job, Path rulesDir, Path alertsOut, String maxPast, int partitions,
                           Duration warmUp) {
        public Settings {
            inputs = List.copyOf(inputs);
            requireNonNull(job, "job is null");
            requireNonNull(maxPast, "maxPast is null");
        }

        /** Settings with the scoring service's default warm-up. */
        public Settings(List<Path> inputs, JobSettings job, Path rulesDir, Path alertsOut, String maxPast, int partitions) {
            this(inputs, job, rulesDir, alertsOut, maxPast, partitions, null);
        }
    }

    /** Counts to show while the pipeline runs ({@code records}: final records, not interim or renormalized versions). */
    public record Progress(long eventsIngested, long eventsFiltered, long bucketsScored, long records, long alerts,
                           boolean inputRead) {
    }

    private final Settings settings;
    private final LocalPipeline pipeline;
    private final RunningService<IngestServiceConfig> ingest;
    private final RunningService<?> training;
    private final RunningService<?> scoring;
    private final RunningService<AlertingConfig> alerting;

    private PipelineRun(Settings settings, KafkaSettings broker) {
        this.settings = settings;
        LocalPipeline.Options options = LocalPipeline.Options.defaults().withJob(settings.job())
                .withPartitions(settings.partitions()).withWarmUp(settings.warmUp());
        this.pipeline = broker == null ? LocalPipeline.embedded(options) : LocalPipeline.onBroker(broker, options);
        // the services are independent of each other once the broker and topics exist: start them together
        ExecutorService starter = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "netrare-run-start");
            t.setDaemon(true);
            return t;
        });
        List<Future<? extends RunningService<?>>> started = new ArrayList<>();
        try {
            Future<RunningService<?>> scoringStart = starter.submit(() -> pipeline.startScoring("local"));
            Future<RunningService<?>> trainingStart = starter.submit(() -> pipeline.startTraining("local"));
            AlertingConfig sinks = AlertingConfig.of(settings.rulesDir(), AlertingConfig.ConsoleConfig.defaults(),
                    settings.alertsOut() == null ? AlertingConfig.NdjsonConfig.defaults()
                            : new AlertingConfig.NdjsonConfig(true, settings.alertsOut()),
                    null, null, null);
            Future<RunningService<AlertingConfig>> alertingStart = starter.submit(() -> pipeline.startAlerting("local", sinks));
            IngestSettings files = IngestSettings.defaults().withFiles(settings.inputs()).withRawTopic(false)
                    .withMaxPast(settings.maxPast());
            Future<RunningService<IngestServiceConfig>> ingestStart = starter.submit(() -> pipeline.startIngest("local", files));
            started.addAll(List.of(scoringStart, trainingStart, alertingStart, ingestStart));
            this.scoring = get(scoringStart);
            this.training = get(trainingStart);
            this.alerting = get(alertingStart);
            this.ingest = get(ingestStart);
        } catch (RuntimeException e) {
            for (Future<? extends RunningService<?>> f : started) {
                try {
                    f.get().stop();
                } catch (Exception ignored) {
                    // the start failed too, or the stop did: the broker closes below either way
                }
            }
            pipeline.close();
            throw e;
        } finally {
            starter.shutdown();
        }
    }

    private static <T> T get(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the pipeline", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("cannot start the pipeline: " + e.getCause(), e.getCause());
        }
    }

    public static PipelineRun start(Settings settings) {
        return new PipelineRun(settings, null);
    }

    /** The pipeline on a running broker, with the given client settings (tests: shortened client timeouts). */
    public static PipelineRun onBroker(Settings settings, KafkaSettings kafka) {
        return new PipelineRun(settings, requireNonNull(kafka, "kafka is null"));
    }

    /** The four services, in data-flow order. */
    public List<RunningService<?>> services() {
        return List.of(ingest, training, scoring, alerting);
    }

    public LocalPipeline pipeline() {
        return pipeline;
    }

    /** Every service with its metrics URL, in data-flow order. */
    public Map<String, String> metricsUrls() {
        Map<String, String> urls = new LinkedHashMap<>();
        for (RunningService<?> s : List.of(ingest, training, scoring, alerting)) {
            urls.put(s.service().value(), "http://127.0.0.1:" + s.metricsPort() + "/metrics");
        }
        return urls;
    }

    /** True once the files are read and every bucket is scored and every anomaly matched and delivered. */
    public boolean done() {
        if (!ingest.injector().getInstance(FileSource.class).finished()) {
            return false;
        }
        String events = pipeline.topics().events().name();
        Map<String, String> groups = new LinkedHashMap<>();
        groups.put(pipeline.groupOf("model"), events);
        groups.put(pipeline.groupOf("scoring"), events);
        groups.put(pipeline.groupOf("alerting"), pipeline.topics().anomalies().name());
        if (settings.alertsOut() != null) {
            groups.put(pipeline.groupOf("alerting") + ".sink.ndjson", pipeline.topics().alerts().name());
        }
        return pipeline.drained(groups);
    }

    /** Waits until {@link #done()} holds twice in a row, reporting progress every half second. */
    public void awaitDone(Duration timeout, Consumer<Progress> progress) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int doneInARow = 0;
        while (doneInARow < 2) {
            for (RunningService<?> s : List.of(ingest, training, scoring, alerting)) {
                if (s.failure().isPresent()) {
                    throw new IllegalStateException("the " + s.service().value() + " service failed", s.failure().get());
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the pipeline did not finish within " + timeout);
            }
            Thread.sleep(500);
            progress.accept(progress());
            doneInARow = done() ? doneInARow + 1 : 0;
        }
    }

    public Progress progress() {
        return new Progress(count(ingest.registry(), "netrare.ingest.events.emitted"),
                count(ingest.registry(), "netrare.ingest.events.filtered"),
                count(scoring.registry(), "netrare_scoring_buckets_closed"),
                (long) scoring.registry().get("netrare_scoring_records").tag("kind", "final").counter().count(),
                count(alerting.registry(), "netrare.alerting.alerts"),
                ingest.injector().getInstance(FileSource.class).finished());
    }

    /**
     * Events both training and scoring have taken from the events topic (the smaller of the two counts);
     * what the benchmark samples to find the first event processed and the steady rate.
     */
    public long eventsProcessed() {
        return Math.min(consumed(training), consumed(scoring));
    }

    private long consumed(RunningService<?> service) {
        return (long) service.registry().getMeters().stream()
                .filter(m -> m instanceof Counter && m.getId().getName().endsWith("events_consumed"))
                .mapToDouble(m -> ((Counter) m).count()).sum();
    }

    private static long count(MeterRegistry registry, String name) {
        return (long) registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }

    /** The latest final version of every anomaly record, by bucket then record id. */
    public List<AnomalyRecord> finalRecords() {
        Map<String, AnomalyRecord> latest = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : readAll(pipeline.topics().anomalies().name())) {
            AnomalyRecord a = Json.read(r.value(), AnomalyRecord.class);
            AnomalyRecord seen = latest.get(a.recordId());
            if (!a.interim() && (seen == null || seen.version() < a.version())) {
                latest.put(a.recordId(), a);
            }
        }
        List<AnomalyRecord> out = new ArrayList<>(latest.values());
        out.sort(java.util.Comparator.comparingLong(AnomalyRecord::timestamp).thenComparing(AnomalyRecord::recordId));
        return out;
    }

    /** The latest version of every alert (suppression updates an alert in place), in the order raised. */
    public List<Alert> alerts() {
        Map<String, Alert> latest = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : readAll(pipeline.topics().alerts().name())) {
            Alert a = Json.read(r.value(), Alert.class);
            latest.put(a.alertId(), a);
        }
        return new ArrayList<>(latest.values());
    }

    /**
     * What the models topic holds at the end of a run: its messages, how many of them are parts of split messages,
     * and the largest value in bytes.
     */
    public record ModelMessages(long messages, long parts, int largestBytes) {
    }

    /** Reads the models topic through (one record at a time: a fleet's snapshots can be large). */
    public ModelMessages modelMessages() {
        long[] counts = new long[3];
        readEach(pipeline.topics().models().name(), r -> {
            counts[0]++;
            if (r.key() != null && new String(r.key(), java.nio.charset.StandardCharsets.UTF_8).contains("/part/")) {
                counts[1]++;
            }
            counts[2] = Math.max(counts[2], Math.max(0, r.serializedValueSize()));
        });
        return new ModelMessages(counts[0], counts[1], (int) counts[2]);
    }

    private List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        readEach(topic, out::add);
        return out;
    }

    private void readEach(String topic, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(ClientConfigs.consumer(pipeline.kafka(), "netrare-run-reader", null, 5000))) {
            List<TopicPartition> parts = new ArrayList<>();
            c.partitionsFor(topic).forEach(p -> parts.add(new TopicPartition(topic, p.partition())));
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                c.poll(Duration.ofMillis(200)).forEach(each);
            }
        }
    }

    @Override
    public void close() {
        ingest.stop();
        pipeline.close();
    }
}
