package io.netrare.deploy.pipeline;

import io.netrare.runtime.kafka.DeadLetters;
import io.netrare.runtime.RunningService;
import io.netrare.runtime.testing.KafkaBrokerExtension;
import io.netrare.schema.NetworkEvent;
import io.netrare.simulator.FleetSimulator;
import io.netrare.simulator.FleetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * One event dated in the year 2100, written straight to the events topic mid-stream: training and scoring
 * dead-letter it with the reason, and it blinds nothing — the final records equal the offline reference of
 * the stream without it.
 */
class FarFutureEventIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @Test
    void anEventDatedIn2100IsDeadLetteredAndBlindsNothing() throws Exception {
        List<NetworkEvent> events = new FleetSimulator(FleetSpec.demo().withSeed(41)).datafeedEvents().toList();
        Map<String, PipelineSupport.FinalRecord> reference = PipelineSupport.offlineFinals(events,
                LocalPipeline.Options.defaults().job(), LocalPipeline.Options.defaults().partitions());
        assertThat(reference).as("final records to compare").isNotEmpty();
        NetworkEvent sample = events.get(events.size() / 3);
        NetworkEvent future = new NetworkEvent(sample.schemaVersion(), Instant.parse("2100-01-01T00:00:00Z"), sample.host(),
                sample.process(), sample.user(), sample.source(), sample.destination(), sample.network(), sample.event(),
                sample.count(), sample.ingest());
        List<NetworkEvent> stream = new ArrayList<>(events.subList(0, events.size() / 3));
        stream.add(future);
        stream.addAll(events.subList(events.size() / 3, events.size()));

        LocalPipeline.Options options = LocalPipeline.Options.defaults().withTopicPrefix(KAFKA.uniqueTopic("future"));
        try (LocalPipeline pipeline = LocalPipeline.onBroker(KAFKA.bootstrapServers(), options)) {
            RunningService<?> scoring = pipeline.startScoring("score-0");
            RunningService<?> training = pipeline.startTraining("train-0");
            pipeline.produceEvents(stream.iterator());
            PipelineSupport.awaitScored(events, options.job().toJobSpec(), Duration.ofMinutes(3), scoring);

            Map<String, PipelineSupport.FinalRecord> finals = PipelineSupport.finals(PipelineSupport.records(
                    PipelineSupport.readAll(pipeline.kafka(), pipeline.topics().anomalies().name(), Duration.ofSeconds(3))));
            assertThat(finals.keySet()).containsExactlyInAnyOrderElementsOf(reference.keySet());
            reference.forEach((id, expected) -> {
                assertThat(finals.get(id).probability()).isCloseTo(expected.probability(), within(1e-9));
                assertThat(finals.get(id).initialScore()).isCloseTo(expected.initialScore(), within(1e-9));
            });
            for (String service : List.of("model", "scoring")) {
                List<ConsumerRecord<byte[], byte[]>> letters = PipelineSupport.readAll(pipeline.kafka(),
                        pipeline.topics().deadLetters(service).name(), Duration.ofSeconds(3));
                assertThat(letters).as("%s dead-lettered the event dated 2100", service).anyMatch(l ->
                        "validate".equals(header(l, DeadLetters.STAGE)) && header(l, DeadLetters.ERROR_REASON).contains("2100-01-01"));
            }
            assertThat(training.failure()).isEmpty();
            assertThat(scoring.failure()).isEmpty();
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String key) {
        var h = r.headers().lastHeader(key);
        return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
    }
}
