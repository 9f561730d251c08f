package io.netrare.deploy.pipeline;

import io.netrare.runtime.RunningService;
import io.netrare.runtime.kafka.DeadLetters;
import io.netrare.runtime.kafka.TopicAdmin;
import io.netrare.runtime.testing.KafkaBrokerExtension;
import io.netrare.schema.NetworkEvent;
import io.netrare.simulator.FleetSimulator;
import io.netrare.simulator.FleetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An unreadable record on the models topic or on the scoring snapshots topic (written there by hand) does not stop
 * scoring: it is skipped, counted in {@code netrare_scoring_poison_records_total} and dead-lettered, and scoring goes on
 * reading its input.
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
            KAFKA.produce(models, List.of(Map.entry("poison".getBytes(StandardCharsets.UTF_8),
                    "{\"not\": \"a model snapshot\"".getBytes(StandardCharsets.UTF_8))));
            RunningService<?> scoring = pipeline.startScoring("score-0");
            List<NetworkEvent> events = new FleetSimulator(FleetSpec.demo().withDays(1).withHosts(4).withSeed(3))
                    .datafeedEvents().toList();
            pipeline.produceEvents(events.iterator());

            await().atMost(Duration.ofMinutes(2)).until(() ->
                    scoring.registry().find("netrare_scoring_poison_records").tag("topic", models).counter() != null
                            && scoring.registry().get("netrare_scoring_poison_records").tag("topic", models).counter().count() == 1.0);
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
