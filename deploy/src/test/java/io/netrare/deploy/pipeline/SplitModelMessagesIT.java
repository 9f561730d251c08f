package io.netrare.deploy.pipeline;

import io.netrare.runtime.RunningService;
import io.netrare.runtime.job.JobSettings;
import io.netrare.runtime.kafka.KafkaSettings;
import io.netrare.runtime.testing.KafkaBrokerExtension;
import io.netrare.schema.Json;
import io.netrare.schema.ModelParts;
import io.netrare.schema.ModelSnapshot;
import io.netrare.schema.NetworkEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Model messages over a real broker when they do not fit one producer request: the training service runs with a
 * {@code max.request.size} of 6 KiB, so that peer_rare's snapshots on the demo fleet, and the delta of a bucket in
 * which one process starts on 200 more hosts, are split into parts. The broker accepts every part, compaction keys stay distinct, the scoring service joins the parts
 * read_committed from the topic, and the final records equal the offline engine's.
 */
class SplitModelMessagesIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final int MAX_REQUEST_SIZE = 6144;

    /** The fleet, with one process run on 200 more hosts at the time of its middle event. */
    private static List<NetworkEvent> withBurst(List<NetworkEvent> fleet) {
        List<NetworkEvent> out = new ArrayList<>(fleet);
        int middle = fleet.size() / 2;
        NetworkEvent at = fleet.get(middle);
        for (int h = 0; h < 200; h++) {
            out.add(middle + 1, new NetworkEvent(NetworkEvent.SCHEMA_VERSION, at.timestamp(),
                    new NetworkEvent.Host(String.format("host-%03d.fleet.example.internal", h), null, null),
                    new NetworkEvent.Process("apt-check", null, null, null), null, null, null, null, null, 1, null));
        }
        return out;
    }

    @Test
    void peerRareSplitIntoPartsWritesTheOfflineEnginesFinalRecords() {
        List<NetworkEvent> events = withBurst(PipelineEquivalenceIT.input("plain", 5));
        LocalPipeline.Options options = LocalPipeline.Options.defaults().withTopicPrefix(KAFKA.uniqueTopic("parts"))
                .withJob(JobSettings.defaults().withModelType("peer_rare"));
        Map<String, PipelineSupport.FinalRecord> reference = PipelineSupport.offlineFinals(events, options.job(),
                options.partitions());
        assertThat(reference).isNotEmpty();

        KafkaSettings base = KafkaSettings.forBootstrap(KAFKA.bootstrapServers());
        KafkaSettings training = base.withProperties(Map.of("max.request.size", Integer.toString(MAX_REQUEST_SIZE)));
        try (LocalPipeline pipeline = LocalPipeline.onBroker(base, s -> s.equals("model") ? training : base, options)) {
            pipeline.startTraining("train-0");
            RunningService<?> scorer = pipeline.startScoring("score-0");
            pipeline.produceEvents(events.iterator());
            PipelineSupport.awaitScored(events, options.job().toJobSpec(), Duration.ofMinutes(3), scorer);

            List<ConsumerRecord<byte[], byte[]>> models = PipelineSupport.readAll(pipeline.kafka(),
                    pipeline.topics().models().name(), Duration.ofSeconds(3));
            assertThat(models).allSatisfy(r ->
                    assertThat(r.serializedValueSize()).isLessThanOrEqualTo(ModelParts.budget(MAX_REQUEST_SIZE)));
            List<ModelSnapshot> parts = models.stream().map(r -> Json.read(r.value(), ModelSnapshot.class))
                    .filter(ModelSnapshot::isPart).toList();
            assertThat(parts).as("split snapshots").anyMatch(m -> !m.isDelta());
            assertThat(parts).as("split deltas").anyMatch(ModelSnapshot::isDelta);
            assertThat(models).filteredOn(r -> new String(r.key(), StandardCharsets.UTF_8).contains("/part/"))
                    .hasSameSizeAs(parts);

            List<ConsumerRecord<byte[], byte[]>> anomalies = PipelineSupport.readAll(pipeline.kafka(),
                    pipeline.topics().anomalies().name(), Duration.ofSeconds(3));
            PipelineEquivalenceIT.assertSameFinals(PipelineSupport.finals(PipelineSupport.records(anomalies)), reference);
        }
    }
}
