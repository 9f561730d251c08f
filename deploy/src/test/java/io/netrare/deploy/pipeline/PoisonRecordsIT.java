package io.netrare.deploy.pipeline;

import io.netrare.runtime.RunningService;
import io.netrare.runtime.kafka.DeadLetters;
import io.netrare.runtime.kafka.TopicAdmin;
import io.netrare.runtime.testing.KafkaBrokerExtension;
import io.netrare.schema.Json;
import io.netrare.schema.ModelSnapshot;
import io.netrare.schema.NetworkEvent;
import io.netrare.schema.spi.BucketObservation;
import io.netrare.schema.spi.ShareDelta;
import io.netrare.simulator.FleetSimulator;
import io.netrare.simulator.FleetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Records on the models topic that scoring cannot use (written there by hand: one unreadable, a delta of a bucket in
 * the year 2100, a delta whose state is no delta, a delta claiming 1000 shares) do not stop scoring: each is skipped, counted in
 * {@code netrare_scoring_poison_records_total} and dead-lettered, and scoring goes on reading its input. So does an
 * unreadable record on the scoring snapshots topic.
 */
class PoisonRecordsIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @Test
    void aPoisonRecordOnTheModelsTopicIsSkippedDeadLetteredAndCountedByScoring() throws Exception {
        LocalPipeline.Options options = LocalPipeline.Options.defaults().withPartitions(2)
                .withTopicPrefix(KAFKA.uniqueTopic("poison-models"));
        try (LocalPipeline pipeline = LocalPipeline.onBroker(KAFKA.bootstrapServers(), options)) {
            String models = pipeline.topics().models().name();
            String job = options.job().jobId();
            // 1000 shares on a 2-partition events topic; unreadable; a bucket in the year 2100; a state that is no delta
            ModelSnapshot future = new ModelSnapshot(ModelSnapshot.SCHEMA_VERSION, job, "rare", 1, 0, 2,
                    Instant.parse("2100-01-01T00:00:00Z").toEpochMilli(), 1, ModelSnapshot.KIND_DELTA, Instant.now(),
                    Json.mapper().createObjectNode());
            ModelSnapshot noDelta = new ModelSnapshot(ModelSnapshot.SCHEMA_VERSION, job, "rare", 1, 0, 2, 0, 1,
                    ModelSnapshot.KIND_DELTA, Instant.now(), Json.mapper().getNodeFactory().textNode("not a delta"));
            ModelSnapshot manyShares = new ModelSnapshot(ModelSnapshot.SCHEMA_VERSION, job, "rare", 1, 0, 1000, 0, 1,
                    ModelSnapshot.KIND_DELTA, Instant.now(), Json.mapper().valueToTree(
                            ShareDelta.of(new BucketObservation(0, new TreeMap<>()), 0)));
            List<Map.Entry<byte[], byte[]>> poison = List.of(
                    Map.entry(manyShares.kafkaKey().getBytes(StandardCharsets.UTF_8), Json.write(manyShares)),
                    Map.entry("poison".getBytes(StandardCharsets.UTF_8), "{\"not\": \"a model snapshot\"".getBytes(StandardCharsets.UTF_8)),
                    Map.entry(future.kafkaKey().getBytes(StandardCharsets.UTF_8), Json.write(future)),
                    Map.entry(noDelta.kafkaKey().getBytes(StandardCharsets.UTF_8), Json.write(noDelta)));
            KAFKA.produce(models, poison);
            RunningService<?> scoring = pipeline.startScoring("score-0");
            List<NetworkEvent> events = new FleetSimulator(FleetSpec.demo().withDays(1).withHosts(4).withSeed(3))
                    .datafeedEvents().toList();
            pipeline.produceEvents(events.iterator());

            await().atMost(Duration.ofMinutes(2)).until(() ->
                    scoring.registry().find("netrare_scoring_poison_records").tag("topic", models).counter() != null
                            && scoring.registry().get("netrare_scoring_poison_records").tag("topic", models).counter().count() == poison.size());
            String eventsTopic = pipeline.topics().events().name();
            await().atMost(Duration.ofMinutes(2)).until(() ->
                    scoring.registry().get("netrare_scoring_records_consumed").tag("topic", eventsTopic).counter().count() >= events.size());
            assertThat(scoring.failure()).isEmpty();
            List<ConsumerRecord<byte[], byte[]>> letters = PipelineSupport.readAll(pipeline.kafka(),
                    pipeline.topics().deadLetters("scoring").name(), Duration.ofSeconds(3));
            assertThat(letters).anyMatch(l -> models.equals(header(l, DeadLetters.TOPIC)) && "models".equals(header(l, DeadLetters.STAGE)));
            await().atMost(Duration.ofMinutes(1)).until(scoring::ready);
        }
    }

    @Test
    void aPoisonRecordOnTheScoringSnapshotsTopicIsSkippedDeadLetteredAndCountedByScoring() throws Exception {
        LocalPipeline.Options options = LocalPipeline.Options.defaults().withPartitions(2)
                .withTopicPrefix(KAFKA.uniqueTopic("poison-snapshots"));
        try (LocalPipeline pipeline = LocalPipeline.onBroker(KAFKA.bootstrapServers(), options)) {
            String snapshots = pipeline.topics().scoringSnapshots().name();
            TopicAdmin.create(pipeline.kafka(), List.of(pipeline.topics().scoringSnapshots()), 1, (short) 1);
            KAFKA.produce(snapshots, List.of(Map.entry("job/0/0".getBytes(StandardCharsets.UTF_8),
                    "not a snapshot part".getBytes(StandardCharsets.UTF_8))));
            RunningService<?> scoring = pipeline.startScoring("score-0");
            List<NetworkEvent> events = new FleetSimulator(FleetSpec.demo().withDays(1).withHosts(4).withSeed(3))
                    .datafeedEvents().toList();
            pipeline.produceEvents(events.iterator());

            await().atMost(Duration.ofMinutes(2)).until(() ->
                    scoring.registry().find("netrare_scoring_poison_records").tag("topic", snapshots).counter() != null
                            && scoring.registry().get("netrare_scoring_poison_records").tag("topic", snapshots).counter().count() >= 1.0);
            String eventsTopic = pipeline.topics().events().name();
            await().atMost(Duration.ofMinutes(2)).until(() ->
                    scoring.registry().get("netrare_scoring_records_consumed").tag("topic", eventsTopic).counter().count() >= events.size());
            assertThat(scoring.failure()).isEmpty();
            List<ConsumerRecord<byte[], byte[]>> letters = PipelineSupport.readAll(pipeline.kafka(),
                    pipeline.topics().deadLetters("scoring").name(), Duration.ofSeconds(3));
            assertThat(letters).anyMatch(l -> snapshots.equals(header(l, DeadLetters.TOPIC))
                    && "scoring-snapshots".equals(header(l, DeadLetters.STAGE)));
            await().atMost(Duration.ofMinutes(1)).until(scoring::ready);
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String key) {
        var h = r.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
