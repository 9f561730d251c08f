package io.netrare.deploy.pipeline;

import io.netrare.model.service.TrainingMain;
import io.netrare.runtime.RunningService;
import io.netrare.runtime.testing.KafkaBrokerExtension;
import io.netrare.schema.AnomalyRecord;
import io.netrare.schema.NetworkEvent;
import io.netrare.scoring.service.ScoringMain;
import io.netrare.simulator.FleetSimulator;
import io.netrare.simulator.FleetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * SIGKILL the training or the scoring service mid-stream, start it again with the same instance id: the
 * final records equal an uninterrupted run's (the offline reference), and the anomalies topic, read with
 * read_committed, holds no record version twice.
 */
class CrashRecoveryIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final String TRAINING = "training:\n  idle_timeout: 3s\n";

    private static List<NetworkEvent> events;
    private static Map<String, PipelineSupport.FinalRecord> reference;

    @TempDir
    Path work;

    @BeforeAll
    static void reference() {
        events = new FleetSimulator(FleetSpec.demo().withSeed(9)).datafeedEvents().toList();
        reference = PipelineSupport.offlineFinals(events, LocalPipeline.Options.defaults().job(),
                LocalPipeline.Options.defaults().partitions());
    }

    @Test
    void trainingKilledMidStreamAndRestarted() throws Exception {
        LocalPipeline.Options options = LocalPipeline.Options.defaults().withTopicPrefix(KAFKA.uniqueTopic("crash-t"));
        try (LocalPipeline pipeline = LocalPipeline.onBroker(KAFKA.bootstrapServers(), options)) {
            RunningService<?> scoring = pipeline.startScoring("score-0");
            String config = ServiceProcess.config(KAFKA.bootstrapServers(), options.topicPrefix(), "train-0", TRAINING);
            ServiceProcess training = ServiceProcess.start(TrainingMain.class, config, work, "training-1");
            pipeline.produceEvents(events.iterator());
            awaitSomeBucketsScored(scoring, 20);
            training.kill();
            try (ServiceProcess again = ServiceProcess.start(TrainingMain.class, config, work, "training-2")) {
                PipelineSupport.awaitScored(events, options.job().toJobSpec(), Duration.ofMinutes(3), scoring);
                assertExactlyTheReference(pipeline);
            }
        }
    }

    @Test
    void scoringKilledMidStreamAndRestarted() throws Exception {
        LocalPipeline.Options options = LocalPipeline.Options.defaults().withTopicPrefix(KAFKA.uniqueTopic("crash-s"));
        try (LocalPipeline pipeline = LocalPipeline.onBroker(KAFKA.bootstrapServers(), options)) {
            pipeline.startTraining("train-0");
            // a scoring snapshot every 4 buckets: the restart restores one and learns only the deltas after it
            String config = ServiceProcess.config(KAFKA.bootstrapServers(), options.topicPrefix(), "score-0",
                    "scoring:\n  snapshot_every_buckets: 4\n");
            ServiceProcess scoring = ServiceProcess.start(ScoringMain.class, config, work, "scoring-1");
            pipeline.produceEvents(events.iterator());
            await().atMost(Duration.ofMinutes(2)).until(() -> anomalies(pipeline, Duration.ofMillis(500)).size() >= 20);
            scoring.kill();
            try (ServiceProcess again = ServiceProcess.start(ScoringMain.class, config, work, "scoring-2")) {
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() ->
                        anomalies(pipeline, Duration.ofMillis(500)).stream().anyMatch(r -> !r.interim() && r.timestamp() == lastAnomalousBucket()));
                assertExactlyTheReference(pipeline);
                // the restart restores a scoring snapshot: on its assignment, or before it, while it owns no partition yet
                // and follows what the group has scored (the first incarnation may have scored everything before the kill)
                await().atMost(Duration.ofMinutes(2)).until(() -> Files.readString(work.resolve("scoring-2.log"))
                        .contains("scoring state restored from the snapshot of bucket"));
                // deltas that the share snapshots and every partition's scoring snapshot cover are tombstoned by training
                await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(2)).until(() ->
                        PipelineSupport.readAll(pipeline.kafka(), pipeline.topics().models().name(), Duration.ofSeconds(1))
                                .stream().anyMatch(r -> r.value() == null));
            }
        }
    }

    private static long lastAnomalousBucket() {
        return reference.values().stream().mapToLong(PipelineSupport.FinalRecord::bucket).max().orElseThrow();
    }

    private static void awaitSomeBucketsScored(RunningService<?> scoring, int buckets) {
        await().atMost(Duration.ofMinutes(2)).until(() ->
                scoring.registry().get("netrare_scoring_buckets_closed").counter().count() >= buckets);
    }

    private static List<AnomalyRecord> anomalies(LocalPipeline pipeline, Duration quiet) {
        List<ConsumerRecord<byte[], byte[]>> raw = PipelineSupport.readAll(pipeline.kafka(),
                pipeline.topics().anomalies().name(), quiet);
        return PipelineSupport.records(raw);
    }

    private static void assertExactlyTheReference(LocalPipeline pipeline) {
        List<AnomalyRecord> records = anomalies(pipeline, Duration.ofSeconds(3));
        Map<String, Long> versions = records.stream()
                .collect(Collectors.groupingBy(r -> r.recordId() + "#" + r.version(), Collectors.counting()));
        assertThat(versions.values()).as("record versions written more than once").allMatch(n -> n == 1);
        Map<String, PipelineSupport.FinalRecord> finals = PipelineSupport.finals(records);
        assertThat(finals.keySet()).containsExactlyInAnyOrderElementsOf(reference.keySet());
        reference.forEach((id, expected) -> {
            assertThat(finals.get(id).probability()).isCloseTo(expected.probability(), within(1e-9));
            assertThat(finals.get(id).initialScore()).isCloseTo(expected.initialScore(), within(1e-9));
        });
    }
}
