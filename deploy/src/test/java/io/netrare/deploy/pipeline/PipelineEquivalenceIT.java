package io.netrare.deploy.pipeline;

import io.netrare.runtime.RunningService;
import io.netrare.runtime.testing.KafkaBrokerExtension;
import io.netrare.schema.AnomalyRecord;
import io.netrare.schema.NetworkEvent;
import io.netrare.simulator.FleetSimulator;
import io.netrare.simulator.FleetSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import io.netrare.runtime.job.JobSettings;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The Kafka pipeline (training and scoring services over a real broker) writes the final records that
 * {@code netrare score}'s offline engine writes on the same events, with one instance each and with two,
 * for the rare and the peer_rare models.
 */
class PipelineEquivalenceIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static List<NetworkEvent> events;

    @BeforeAll
    static void fleet() {
        events = new FleetSimulator(FleetSpec.demo().withSeed(5)).datafeedEvents().toList();
    }

    private static Map<String, PipelineSupport.FinalRecord> runPipeline(LocalPipeline.Options options, int instances) {
        try (LocalPipeline pipeline = LocalPipeline.onBroker(KAFKA.bootstrapServers(), options)) {
            RunningService<?>[] scorers = new RunningService<?>[instances];
            for (int i = 0; i < instances; i++) {
                pipeline.startTraining("train-" + i);
                scorers[i] = pipeline.startScoring("score-" + i);
            }
            pipeline.produceEvents(events.iterator());
            PipelineSupport.awaitScored(events, options.job().toJobSpec(), Duration.ofMinutes(3), scorers);
            List<AnomalyRecord> records = PipelineSupport.records(
                    PipelineSupport.readAll(pipeline.kafka(), pipeline.topics().anomalies().name(), Duration.ofSeconds(3)));
            return PipelineSupport.finals(records);
        }
    }

    @ParameterizedTest(name = "{0} model, {1} training and {1} scoring instance(s)")
    @CsvSource({"rare, 1", "rare, 2", "peer_rare, 1", "peer_rare, 2"})
    void thePipelineWritesTheOfflineEnginesFinalRecords(String model, int instances) {
        LocalPipeline.Options options = LocalPipeline.Options.defaults().withTopicPrefix(KAFKA.uniqueTopic("eq"))
                .withJob(JobSettings.defaults().withModelType(model));
        Map<String, PipelineSupport.FinalRecord> reference = PipelineSupport.offlineFinals(events, options.job());
        assertThat(reference).isNotEmpty();
        assertSameFinals(runPipeline(options, instances), reference);
    }

    private static void assertSameFinals(Map<String, PipelineSupport.FinalRecord> actual,
                                         Map<String, PipelineSupport.FinalRecord> reference) {
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(reference.keySet());
        reference.forEach((id, expected) -> {
            PipelineSupport.FinalRecord got = actual.get(id);
            assertThat(got.byValue()).isEqualTo(expected.byValue());
            assertThat(got.bucket()).isEqualTo(expected.bucket());
            assertThat(got.probability()).isCloseTo(expected.probability(), within(1e-9));
            assertThat(got.initialScore()).as("score of %s", id).isCloseTo(expected.initialScore(), within(1e-9));
        });
    }
}
