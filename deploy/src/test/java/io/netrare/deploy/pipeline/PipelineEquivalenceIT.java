package io.netrare.deploy.pipeline;

import io.netrare.runtime.RunningService;
import io.netrare.runtime.testing.KafkaBrokerExtension;
import io.netrare.schema.AnomalyRecord;
import io.netrare.schema.NetworkEvent;
import io.netrare.schema.spi.JobSpec;
import io.netrare.scoring.EngineConfig;
import io.netrare.scoring.OfflineScorer;
import io.netrare.simulator.FleetSimulator;
import io.netrare.simulator.FleetSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The Kafka pipeline (training and scoring services over a real broker) writes the final records that
 * {@code netrare score}'s offline engine writes on the same events, with one instance each and with two.
 */
class PipelineEquivalenceIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static List<NetworkEvent> events;
    private static Map<String, PipelineSupport.FinalRecord> reference;

    @BeforeAll
    static void offlineReference() {
        events = new FleetSimulator(FleetSpec.demo().withSeed(5)).datafeedEvents().toList();
        LocalPipeline.Options options = LocalPipeline.Options.defaults();
        JobSpec job = options.job().toJobSpec();
        OfflineScorer.Result result = new OfflineScorer(job, options.job().modelProvider(), EngineConfig.defaults(),
                Clock.systemUTC()).score(events);
        reference = PipelineSupport.finals(result.emitted());
        assertThat(reference).isNotEmpty();
    }

    private Map<String, PipelineSupport.FinalRecord> runPipeline(int instances) {
        LocalPipeline.Options options = LocalPipeline.Options.defaults().withTopicPrefix(KAFKA.uniqueTopic("eq"));
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

    private static void assertSameFinals(Map<String, PipelineSupport.FinalRecord> actual) {
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(reference.keySet());
        reference.forEach((id, expected) -> {
            PipelineSupport.FinalRecord got = actual.get(id);
            assertThat(got.byValue()).isEqualTo(expected.byValue());
            assertThat(got.bucket()).isEqualTo(expected.bucket());
            assertThat(got.probability()).isCloseTo(expected.probability(), within(1e-9));
            assertThat(got.initialScore()).as("score of %s", id).isCloseTo(expected.initialScore(), within(1e-9));
        });
    }

    @Test
    void oneTrainingAndOneScoringInstanceMatchTheOfflineEngine() {
        assertSameFinals(runPipeline(1));
    }

    @Test
    void twoTrainingAndTwoScoringInstancesOverFourPartitionsMatchOneInstance() {
        assertSameFinals(runPipeline(2));
    }
}
