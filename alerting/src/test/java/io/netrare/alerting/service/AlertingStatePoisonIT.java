package io.netrare.alerting.service;

import io.netrare.runtime.RunningService;
import io.netrare.runtime.kafka.DeadLetters;
import io.netrare.runtime.kafka.KafkaSettings;
import io.netrare.runtime.kafka.TopicAdmin;
import io.netrare.runtime.metrics.MetricsSettings;
import io.netrare.runtime.testing.KafkaBrokerExtension;
import io.netrare.schema.Alert;
import io.netrare.schema.AnomalyRecord;
import io.netrare.schema.Json;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An unreadable entry on the alerting state topic (written there by hand) does not stop alerting at start:
 * it is skipped, counted in {@code netrare_alerting_poison_records_total} and dead-lettered, and alerting
 * goes on raising alerts.
 */
class AlertingStatePoisonIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final String JOB = "v3_linux_anomalous_network_activity";

    @Test
    void aPoisonStateEntryIsSkippedDeadLetteredAndCounted() throws Exception {
        KafkaSettings kafka = KAFKA.settings("alerting-poison").withTopicPrefix(KAFKA.uniqueTopic("alpoison"));
        TopicAdmin.createAll(kafka, 1);
        StateTopic.ensure(kafka, kafka.topics());
        String state = kafka.topics().alertingState().name();
        KAFKA.produce(state, List.of(Map.entry("poison".getBytes(StandardCharsets.UTF_8),
                "{not an alert state".getBytes(StandardCharsets.UTF_8))));
        AlertingConfig config = AlertingConfig.of(null, null, null, null, null, null)
                .withKafka(kafka).withMetrics(MetricsSettings.localFreePort());
        try (RunningService<AlertingConfig> service = AlertingMain.runner().start(config)) {
            AnomalyRecord record = record("r1");
            KAFKA.produce(kafka.topics().anomalies().name(), List.of(Map.entry(record.kafkaKey().getBytes(StandardCharsets.UTF_8),
                    Json.write(record))));
            List<ConsumerRecord<byte[], byte[]>> alerts = KAFKA.readCommitted(kafka.topics().alerts().name(), 1, Duration.ofSeconds(60));
            assertThat(alerts).extracting(r -> Json.read(r.value(), Alert.class).anomaly().recordId()).containsExactly("r1");
            assertThat(service.failure()).isEmpty();
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    service.registry().get("netrare_alerting_poison_records").tag("topic", state).counter().count() == 1.0);
            List<ConsumerRecord<byte[], byte[]>> letters = KAFKA.readCommitted(kafka.topics().deadLetters("alerting").name(), 1,
                    Duration.ofSeconds(60));
            assertThat(letters).anyMatch(l -> state.equals(new String(l.headers().lastHeader(DeadLetters.TOPIC).value(), StandardCharsets.UTF_8))
                    && "state".equals(new String(l.headers().lastHeader(DeadLetters.STAGE).value(), StandardCharsets.UTF_8)));
        }
    }

    private static AnomalyRecord record(String id) {
        Instant bucket = Instant.parse("2026-11-27T10:00:00Z");
        return new AnomalyRecord(1, id, 1, JOB, "record", bucket.toEpochMilli(), 900, 0, "rare", "rare",
                "process.name", "proc-" + id, null, null, 1e-6, 90, 90, false,
                List.of(new AnomalyRecord.Influencer("host.name", List.of("web-07")),
                        new AnomalyRecord.Influencer("process.name", List.of("proc-" + id))),
                "rare", null, bucket.plusSeconds(900));
    }
}
