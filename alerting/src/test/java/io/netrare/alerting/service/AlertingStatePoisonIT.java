package io.netrare.alerting.service;

import io.netrare.runtime.RunningService;
import io.netrare.runtime.kafka.DeadLetters;
import io.netrare.runtime.kafka.KafkaSettings;
import io.netrare.runtime.kafka.TopicAdmin;
import io.netrare.runtime.metrics.MetricsSettings;
import io.netrare.runtime.testing.KafkaBrokerExtension;
import io.netrare.schema.Alert;
import io.netrare.schema.Json;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.netrare.alerting.service.AnomalyRecords.record;
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
            AnomalyRecords.produce(KAFKA, kafka.topics().anomalies().name(), List.of(record("r1")));
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
}
