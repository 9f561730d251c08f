package io.netrare.deploy.pipeline;

import io.netrare.alerting.service.AlertingConfig;
import io.netrare.alerting.service.AlertingMain;
import io.netrare.ingest.service.IngestMain;
import io.netrare.ingest.service.IngestServiceConfig;
import io.netrare.ingest.service.IngestSettings;
import io.netrare.model.service.TrainingConfig;
import io.netrare.model.service.TrainingMain;
import io.netrare.model.training.TrainingSettings;
import io.netrare.runtime.RunningService;
import io.netrare.runtime.broker.EmbeddedKafkaBroker;
import io.netrare.runtime.job.JobSettings;
import io.netrare.runtime.kafka.ClientConfigs;
import io.netrare.runtime.kafka.KafkaSettings;
import io.netrare.runtime.kafka.LoopSettings;
import io.netrare.runtime.kafka.TopicAdmin;
import io.netrare.runtime.kafka.TopicSettings;
import io.netrare.runtime.metrics.MetricsSettings;
import io.netrare.schema.Json;
import io.netrare.schema.NetworkEvent;
import io.netrare.schema.Topics;
import io.netrare.schema.spi.EntityKey;
import io.netrare.schema.spi.JobSpec;
import io.netrare.scoring.service.ScoringConfig;
import io.netrare.scoring.service.ScoringMain;
import io.netrare.scoring.stream.ScoringSettings;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * netrare on one machine: an embedded broker (or a given one), the topics, and the services started in
 * this JVM, each with its own injector and metrics port. The demo, {@code netrare run} and the pipeline
 * tests are built on it.
 */
public final class LocalPipeline implements AutoCloseable {

    /**
     * How the pipeline runs: partitions of every topic, the job, how soon idle input closes buckets, how far the
     * training watermark trails the latest event time, and the scoring warm-up (null: the scoring default).
     */
    public record Options(int partitions, JobSettings job, Duration idleTimeout, String topicPrefix, Duration latency,
                          Duration warmUp) {
        public Options {
            requireNonNull(job, "job is null");
            requireNonNull(idleTimeout, "idleTimeout is null");
            requireNonNull(topicPrefix, "topicPrefix is null");
            requireNonNull(latency, "latency is null");
        }

        public Options(int partitions, JobSettings job, Duration idleTimeout, String topicPrefix, Duration latency) {
            this(partitions, job, idleTimeout, topicPrefix, latency, null);
        }

        public Options(int partitions, JobSettings job, Duration idleTimeout, String topicPrefix) {
            this(partitions, job, idleTimeout, topicPrefix, TrainingSettings.defaults().latency(), null);
        }

        public Options withLatency(Duration d) {
            return new Options(partitions, job, idleTimeout, topicPrefix, d, warmUp);
        }

        public Options withWarmUp(Duration d) {
            return new Options(partitions, job, idleTimeout, topicPrefix, latency, d);
        }

        public static Options defaults() {
            return new Options(4, JobSettings.defaults(), Duration.ofSeconds(3), Topics.DEFAULT_PREFIX,
                    TrainingSettings.defaults().latency(), null);
        }

        public Options withJob(JobSettings j) {
            return new Options(partitions, j, idleTimeout, topicPrefix, latency, warmUp);
        }

        public Options withPartitions(int n) {
            return new Options(n, job, idleTimeout, topicPrefix, latency, warmUp);
        }

        public Options withTopicPrefix(String p) {
            return new Options(partitions, job, idleTimeout, p, latency, warmUp);
        }

        public Options withIdleTimeout(Duration d) {
            return new Options(partitions, job, d, topicPrefix, latency, warmUp);
        }
    }

    private final Options options;
    private final EmbeddedKafkaBroker broker;
    private final KafkaSettings kafka;
    private final Function<String, KafkaSettings> serviceKafka;
    private final List<RunningService<?>> services = new ArrayList<>();
    private GroupLag lag;

    private LocalPipeline(Options options, EmbeddedKafkaBroker broker, KafkaSettings admin,
                          Function<String, KafkaSettings> serviceKafka) {
        this(options, broker, admin, serviceKafka, true);
    }

    private LocalPipeline(Options options, EmbeddedKafkaBroker broker, KafkaSettings admin,
                          Function<String, KafkaSettings> serviceKafka, boolean createTopics) {
        this.options = options;
        this.broker = broker;
        this.kafka = admin.withTopicPrefix(options.topicPrefix());
        this.serviceKafka = service -> serviceKafka.apply(service).withTopicPrefix(options.topicPrefix());
        if (createTopics) {
            // every topic ahead of time, as `netrare topics create` does: the services then need no CREATE right
            TopicAdmin.ensure(kafka, TopicAdmin.plan(kafka.topics(), TopicSettings.local(options.partitions())));
        }
    }

    private LocalPipeline(Options options, EmbeddedKafkaBroker broker, String bootstrapServers) {
        this(options, broker, KafkaSettings.forBootstrap(bootstrapServers), s -> KafkaSettings.forBootstrap(bootstrapServers));
    }

    private LocalPipeline(Options options, EmbeddedKafkaBroker broker, KafkaSettings kafka) {
        this(options, broker, kafka, true);
    }

    private LocalPipeline(Options options, EmbeddedKafkaBroker broker, KafkaSettings kafka, boolean createTopics) {
        this(options, broker, kafka, s -> kafka, createTopics);
    }

    /** Starts an embedded broker and creates the topics. */
    public static LocalPipeline embedded(Options options) {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(EmbeddedKafkaBroker.Options.defaults()
                .withPartitions(options.partitions()));
        try {
            return new LocalPipeline(options, broker, broker.bootstrapServers());
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    /**
     * Uses a running broker with the given client settings (security, client timeouts) and creates the
     * topics; the options' topic prefix replaces the settings'.
     */
    public static LocalPipeline onBroker(KafkaSettings kafka, Options options) {
        return new LocalPipeline(options, null, kafka);
    }

    /**
     * Uses a running broker and creates no topic: services started on it wait for their input topics
     * (start-order tests).
     */
    public static LocalPipeline onBrokerWithoutTopics(String bootstrapServers, Options options) {
        return new LocalPipeline(options, null, KafkaSettings.forBootstrap(bootstrapServers), false);
    }

    /** Uses a running broker (the tests' per-class broker) and creates the topics. */
    public static LocalPipeline onBroker(String bootstrapServers, Options options) {
        return new LocalPipeline(options, null, bootstrapServers);
    }

    /**
     * Uses a running broker whose clients must authenticate: {@code admin} (a principal allowed to create topics
     * and read everything) creates the topics and serves {@link #kafka()}; each service runs with
     * {@code serviceKafka.apply(<service>)}, its own principal ({@code ingest}, {@code model}, {@code scoring},
     * {@code alerting}).
     */
    public static LocalPipeline onBroker(KafkaSettings admin, Function<String, KafkaSettings> serviceKafka, Options options) {
        return new LocalPipeline(options, null, admin, serviceKafka);
    }

    /** The administrator's settings: topic creation, lag checks and the readers of tests and the CLI. */
    public KafkaSettings kafka() {
        return kafka;
    }

    /** The settings the given service runs with. */
    public KafkaSettings kafkaOf(String service) {
        return serviceKafka.apply(service);
    }

    public Topics topics() {
        return kafka.topics();
    }

    public Options options() {
        return options;
    }

    private MetricsSettings metrics() {
        return MetricsSettings.localFreePort();
    }

    public RunningService<TrainingConfig> startTraining(String instanceId) {
        TrainingConfig config = new TrainingConfig(kafkaOf("model").withInstanceId(instanceId), metrics(), LoopSettings.defaults(),
                options.job(), TrainingSettings.defaults().withIdleTimeout(options.idleTimeout()).withLatency(options.latency()));
        return track(TrainingMain.runner().start(config));
    }

    public RunningService<ScoringConfig> startScoring(String instanceId) {
        ScoringConfig config = new ScoringConfig(kafkaOf("scoring").withInstanceId(instanceId), metrics(), LoopSettings.defaults(),
                options.job(), options.warmUp() == null ? ScoringSettings.defaults()
                        : ScoringSettings.defaults().withWarmUp(options.warmUp()));
        return track(ScoringMain.runner().start(config));
    }

    /** The alerting service with the given sinks and rules (the Kafka alerts topic is always written). */
    public RunningService<AlertingConfig> startAlerting(String instanceId, AlertingConfig sinksAndRules) {
        AlertingConfig config = sinksAndRules.withKafka(kafkaOf("alerting").withInstanceId(instanceId)).withMetrics(metrics());
        return track(AlertingMain.runner().start(config));
    }

    /** The ingest service reading {@code files} (its raw-topic loop runs too, when {@code files} say so). */
    public RunningService<IngestServiceConfig> startIngest(String instanceId, IngestSettings files) {
        return track(IngestMain.runner().start(new IngestServiceConfig(kafkaOf("ingest").withInstanceId(instanceId),
                metrics(), LoopSettings.defaults(), options.job(), files)));
    }

    /** Every service started here, in start order. */
    public List<RunningService<?>> services() {
        return List.copyOf(services);
    }

    /**
     * True once every group that reads the events and anomalies topics has committed to their ends: every
     * bucket closed and scored, every anomaly matched against the rules. Each group must be named by the
     * service that reads the topic (its consumer group is {@code <prefix>.<service>}).
     */
    public synchronized boolean drained(Map<String, String> groupToTopic) {
        if (lag == null) {
            lag = new GroupLag(kafka); // one admin client for every check, closed with the pipeline
        }
        for (Map.Entry<String, String> e : groupToTopic.entrySet()) {
            if (lag.lag(e.getKey(), e.getValue()) > 0) {
                return false;
            }
        }
        return true;
    }


    /** The consumer group of a service started here. */
    public String groupOf(String service) {
        return options.topicPrefix() + "." + service;
    }

    private <C extends io.netrare.runtime.ServiceConfig> RunningService<C> track(RunningService<C> service) {
        synchronized (services) { // services may be started from several threads (PipelineRun starts them together)
            services.add(service);
        }
        return service;
    }

    /** Writes events straight to the events topic, keyed by their entity, as the ingest service does. */
    public long produceEvents(Iterator<NetworkEvent> events) {
        JobSpec job = options.job().toJobSpec();
        long n = 0;
        Map<String, Object> props = ClientConfigs.producer(kafkaOf("ingest"), "netrare-feeder", null);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            while (events.hasNext()) {
                NetworkEvent e = events.next();
                EntityKey key = job.entityKey(e);
                if (key == null) {
                    continue;
                }
                producer.send(new ProducerRecord<>(topics().events().name(),
                        key.kafkaKey().getBytes(StandardCharsets.UTF_8), Json.write(e)));
                n++;
            }
            producer.flush();
        }
        return n;
    }

    @Override
    public void close() {
        List<RunningService<?>> started;
        synchronized (services) {
            started = new ArrayList<>(services);
            services.clear();
        }
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).stop();
        }
        synchronized (this) {
            if (lag != null) {
                lag.close();
                lag = null;
            }
        }
        if (broker != null) {
            broker.close();
        }
    }
}
