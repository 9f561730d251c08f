package io.netrare.ingest.service;

import io.netrare.runtime.RunningService;
import io.netrare.runtime.kafka.DeadLetters;
import io.netrare.runtime.kafka.KafkaSettings;
import io.netrare.runtime.kafka.LoopSettings;
import io.netrare.runtime.kafka.TopicAdmin;
import io.netrare.runtime.metrics.MetricsSettings;
import io.netrare.runtime.testing.KafkaBrokerExtension;
import io.netrare.schema.EventCodec;
import io.netrare.schema.NetworkEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The ingest service on a real embedded broker: raw topic in, keyed events and dead letters out. */
class IngestServiceIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static byte[] doc(String process, String osType) {
        String ts = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        return ("{\"@timestamp\":\"" + ts + "\",\"event\":{\"action\":\"connection_attempted\",\"category\":[\"network\"],"
                + "\"type\":[\"start\"],\"module\":\"endpoint\"},\"host\":{\"name\":\"web-07\",\"os\":{\"type\":\"" + osType + "\"}},"
                + "\"process\":{\"name\":\"" + process + "\",\"pid\":7},\"destination\":{\"ip\":\"45.9.20.1\",\"port\":3333}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void rawTopicToEventsAndDeadLetters() throws Exception {
        KafkaSettings kafka = KAFKA.settings("ingest-a").withTopicPrefix(KAFKA.uniqueTopic("p"));
        TopicAdmin.createAll(kafka, 2);
        String raw = kafka.topics().raw().name();
        KAFKA.produce(raw, List.of(
                Map.entry("a".getBytes(StandardCharsets.UTF_8), doc("xmrig", "linux")),
                Map.entry("b".getBytes(StandardCharsets.UTF_8), "not telemetry".getBytes(StandardCharsets.UTF_8)),
                Map.entry("c".getBytes(StandardCharsets.UTF_8), doc("powershell.exe", "windows")),
                Map.entry("d".getBytes(StandardCharsets.UTF_8), doc("curl", "linux"))));

        try (RunningService<IngestServiceConfig> service = IngestMain.runner().start(new IngestServiceConfig(kafka,
                MetricsSettings.localFreePort(), LoopSettings.defaults(), null, null))) {
            List<ConsumerRecord<byte[], byte[]>> events = KAFKA.readCommitted(kafka.topics().events().name(), 2,
                    Duration.ofSeconds(60));
            assertThat(events).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                    .containsExactlyInAnyOrder("xmrig", "curl");
            NetworkEvent first = EventCodec.decode(events.get(0).value());
            assertThat(first.host().name()).isEqualTo("web-07");

            List<ConsumerRecord<byte[], byte[]>> dead = KAFKA.readCommitted(kafka.topics().deadLetters("ingest").name(), 1,
                    Duration.ofSeconds(60));
            assertThat(dead).hasSize(1);
            assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("not telemetry");
            assertThat(new String(dead.get(0).headers().lastHeader(DeadLetters.ERROR_REASON).value(), StandardCharsets.UTF_8))
                    .startsWith("unknown_format");
            assertThat(new String(dead.get(0).headers().lastHeader(DeadLetters.TOPIC).value(), StandardCharsets.UTF_8))
                    .isEqualTo(raw);
            assertThat(service.registry().get("netrare.ingest.events.filtered").tag("reason", "not_linux").counter().count())
                    .isEqualTo(1);
        }
    }
}
