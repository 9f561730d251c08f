package io.netrare.model.service;

import io.micrometer.core.instrument.Counter;
import io.netrare.model.training.TrainingSettings;
import io.netrare.runtime.RunningService;
import io.netrare.runtime.job.JobSettings;
import io.netrare.runtime.kafka.DeadLetters;
import io.netrare.runtime.kafka.KafkaSettings;
import io.netrare.runtime.kafka.LoopSettings;
import io.netrare.runtime.kafka.TopicAdmin;
import io.netrare.runtime.metrics.MetricsSettings;
import io.netrare.runtime.testing.KafkaBrokerExtension;
import io.netrare.schema.Json;
import io.netrare.schema.ModelSnapshot;
import io.netrare.schema.NetworkEvent;
import io.netrare.schema.spi.BucketObservation;
import io.netrare.schema.spi.JobSpec;
import io.netrare.schema.spi.ShareDelta;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Records on the models topic that training cannot restore from (written there by hand): one that does not
 * decode, deltas that decode to nonsense (an unknown kind, a negative bucket, a bucket in the year 2100, a value
 * under another job's key) and a share snapshot whose model does not restore. Training starts anyway: each is
 * skipped, dead-lettered with stage {@code models} and counted in {@code netrare_model_poison_records_total},
 * the share rebuilds from its deltas, and training goes on publishing.
 */
class TrainingPoisonIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @Test
    void poisonOnTheModelsTopicIsSkippedDeadLetteredAndCountedAtRestore() throws Exception {
        KafkaSettings kafka = KAFKA.settings("model-poison").withTopicPrefix(KAFKA.uniqueTopic("mpoison"));
        TopicAdmin.createAll(kafka, 1);
        String models = kafka.topics().models().name();
        JobSettings job = JobSettings.defaults();
        JobSpec spec = job.toJobSpec();
        long span = spec.bucketSpanMillis();
        Instant start = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.HOURS);
        long bucket = start.toEpochMilli();

        List<Map.Entry<byte[], byte[]>> poison = new ArrayList<>();
        poison.add(entry(job.jobId() + "/0/1", "{\"not\": \"a model message\"".getBytes(StandardCharsets.UTF_8)));
        poison.add(message(delta(job.jobId(), bucket, "patch"), job.jobId() + "/0/" + bucket));
        ModelSnapshot negative = delta(job.jobId(), -span, ModelSnapshot.KIND_DELTA);
        poison.add(message(negative, negative.kafkaKey()));
        ModelSnapshot future = delta(job.jobId(), Instant.parse("2100-01-01T00:00:00Z").toEpochMilli(), ModelSnapshot.KIND_DELTA);
        poison.add(message(future, future.kafkaKey()));
        poison.add(message(delta(job.jobId(), bucket, ModelSnapshot.KIND_DELTA), "another_job/0/" + bucket));
        ModelSnapshot badSnapshot = new ModelSnapshot(ModelSnapshot.SCHEMA_VERSION, job.jobId(), "rare", 1, 0, 1, bucket, 7,
                ModelSnapshot.KIND_SNAPSHOT, Instant.now(), Json.mapper().createObjectNode().put("last_closed", bucket)
                .put("model", "not a model"));
        poison.add(message(badSnapshot, badSnapshot.kafkaKey()));
        KAFKA.produce(models, poison);

        TrainingConfig config = new TrainingConfig(kafka, MetricsSettings.localFreePort(), LoopSettings.defaults(), job,
                TrainingSettings.defaults());
        try (RunningService<TrainingConfig> training = TrainingMain.runner().start(config)) {
            List<Map.Entry<byte[], byte[]>> events = new ArrayList<>();
            for (int i = 0; i < 8; i++) { // two hours of events: the watermark closes the first buckets
                NetworkEvent e = event("sshd", start.plus(Duration.ofMinutes(15L * i + 1)));
                events.add(entry(spec.entityKey(e).kafkaKey(), Json.write(e)));
            }
            KAFKA.produce(kafka.topics().events().name(), events);

            await().atMost(Duration.ofSeconds(90)).until(() -> count(training, "netrare_model_deltas_published") >= 5);
            assertThat(training.failure()).isEmpty();
            assertThat(training.registry().get("netrare_model_poison_records").tag("topic", models).counter().count())
                    .isEqualTo(poison.size());
            List<ConsumerRecord<byte[], byte[]>> letters = KAFKA.readCommitted(kafka.topics().deadLetters("model").name(),
                    poison.size(), Duration.ofSeconds(60));
            assertThat(letters).hasSize(poison.size()).allSatisfy(l -> {
                assertThat(header(l, DeadLetters.TOPIC)).isEqualTo(models);
                assertThat(header(l, DeadLetters.STAGE)).isEqualTo("models");
            });
        }
    }

    private static double count(RunningService<?> service, String name) {
        return service.registry().find(name).counters().stream().mapToDouble(Counter::count).sum();
    }

    private static ModelSnapshot delta(String jobId, long bucket, String kind) {
        ShareDelta state = ShareDelta.of(new BucketObservation(bucket, new TreeMap<>()), 0);
        return new ModelSnapshot(ModelSnapshot.SCHEMA_VERSION, jobId, "rare", 1, 0, 1, bucket, 1, kind, Instant.now(),
                Json.mapper().valueToTree(state));
    }

    private static Map.Entry<byte[], byte[]> message(ModelSnapshot s, String key) {
        return entry(key, Json.write(s));
    }

    private static Map.Entry<byte[], byte[]> entry(String key, byte[] value) {
        return Map.entry(key.getBytes(StandardCharsets.UTF_8), value);
    }

    private static NetworkEvent event(String process, Instant at) {
        return new NetworkEvent(NetworkEvent.SCHEMA_VERSION, at, new NetworkEvent.Host("web-01", null, null),
                new NetworkEvent.Process(process, null, null, null), null, null, null, null, null, 1, null);
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String key) {
        var h = r.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
