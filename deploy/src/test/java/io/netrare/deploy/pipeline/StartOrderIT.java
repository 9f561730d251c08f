package io.netrare.deploy.pipeline;

import io.netrare.alerting.service.AlertingConfig;
import io.netrare.runtime.RunningService;
import io.netrare.runtime.kafka.TopicAdmin;
import io.netrare.runtime.testing.KafkaBrokerExtension;
import io.netrare.schema.NetworkEvent;
import io.netrare.simulator.FleetSimulator;
import io.netrare.simulator.FleetSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Services started before any topic exists (alerting first, then scoring, then training, on a broker
 * that creates no topic by itself) wait, not ready, instead of exiting; once the topics are created and
 * events arrive they end in the state of the offline reference.
 */
class StartOrderIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static List<NetworkEvent> events;
    private static Map<String, PipelineSupport.FinalRecord> reference;

    @BeforeAll
    static void reference() {
        events = new FleetSimulator(FleetSpec.demo().withSeed(31)).datafeedEvents().toList();
        reference = PipelineSupport.offlineFinals(events, LocalPipeline.Options.defaults().job(),
                LocalPipeline.Options.defaults().partitions());
    }

    @Test
    void servicesStartedBeforeAnyTopicExistsWaitThenCatchUp() throws Exception {
        LocalPipeline.Options options = LocalPipeline.Options.defaults().withTopicPrefix(KAFKA.uniqueTopic("order"));
        try (LocalPipeline pipeline = LocalPipeline.onBrokerWithoutTopics(KAFKA.bootstrapServers(), options)) {
            RunningService<?> alerting = pipeline.startAlerting("alert-0", AlertingConfig.of(null,
                    AlertingConfig.ConsoleConfig.defaults(), AlertingConfig.NdjsonConfig.defaults(), null, null, null));
            RunningService<?> scoring = pipeline.startScoring("score-0");
            RunningService<?> training = pipeline.startTraining("train-0");
            List<RunningService<?>> all = List.of(alerting, scoring, training);
            Thread.sleep(5000); // longer than any start-up check: nobody exits while the topics are missing
            for (RunningService<?> s : all) {
                assertThat(s.failure()).as("%s failed", s.service().value()).isEmpty();
                assertThat(s.ready()).as("%s ready without its input topics", s.service().value()).isFalse();
            }

            TopicAdmin.createAll(pipeline.kafka(), options.partitions());
            pipeline.produceEvents(events.iterator());
            PipelineSupport.awaitScored(events, options.job().toJobSpec(), Duration.ofMinutes(3), scoring);
            await().atMost(Duration.ofMinutes(2)).until(() -> all.stream().allMatch(RunningService::ready));
            for (RunningService<?> s : all) {
                assertThat(s.failure()).as("%s failed", s.service().value()).isEmpty();
            }
            Map<String, PipelineSupport.FinalRecord> finals = PipelineSupport.finals(PipelineSupport.records(
                    PipelineSupport.readAll(pipeline.kafka(), pipeline.topics().anomalies().name(), Duration.ofSeconds(3))));
            assertThat(reference).as("final records to compare").isNotEmpty();
            assertThat(finals.keySet()).containsExactlyInAnyOrderElementsOf(reference.keySet());
            reference.forEach((id, expected) -> {
                assertThat(finals.get(id).probability()).isCloseTo(expected.probability(), within(1e-9));
                assertThat(finals.get(id).initialScore()).isCloseTo(expected.initialScore(), within(1e-9));
            });
            try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                    io.netrare.runtime.kafka.ClientConfigs.admin(pipeline.kafka(), "it-admin"))) {
                assertThat(admin.listTopics().names().get()).as("alerting created its state topic once the anomalies topic existed")
                        .contains(pipeline.topics().alertingState().name());
            }
        }
    }
}
