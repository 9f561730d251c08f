package io.netrare.alerting.service;

import io.netrare.alerting.AlertIds;
import io.netrare.alerting.service.AlertingConfig;
import io.netrare.alerting.service.AlertingMain;
import io.netrare.alerting.sink.AlertmanagerSinkConfig;
import io.netrare.alerting.sink.DeliveryConfig;
import io.netrare.alerting.sink.WebhookSinkConfig;
import io.netrare.runtime.RunningService;
import io.netrare.runtime.kafka.KafkaSettings;
import io.netrare.runtime.kafka.TopicAdmin;
import io.netrare.runtime.metrics.MetricsSettings;
import io.netrare.runtime.testing.KafkaBrokerExtension;
import io.netrare.schema.Alert;
import io.netrare.schema.AnomalyRecord;
import io.netrare.schema.Json;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static io.netrare.alerting.service.AnomalyRecords.JOB;
import static io.netrare.alerting.service.AnomalyRecords.RULE;
import static io.netrare.alerting.service.AnomalyRecords.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The alerting service on a real embedded broker: anomalies replayed twice, renormalized updates and a
 * restart in between produce exactly one alert per record; the webhook, failing its first attempts,
 * receives every alert, none lost across the restart.
 */
class AlertingServiceIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private TestWebhook hook;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> delivered = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopServer() {
        if (hook != null) {
            hook.close();
        }
    }

    @Test
    void replaysUpdatesAndARestartYieldOneAlertPerRecordAndEveryAlertReachesTheWebhook() throws Exception {
        hook = TestWebhook.start((headers, body) -> {
            int status = requests.incrementAndGet() <= 2 ? 503 : 200;
            if (status == 200) {
                delivered.add(headers.getFirst("Idempotency-Key"));
            }
            return status;
        });

        KafkaSettings kafka = KAFKA.settings("alerting-1").withTopicPrefix(KAFKA.uniqueTopic("al"));
        TopicAdmin.createAll(kafka, 2);
        String anomalies = kafka.topics().anomalies().name();
        String alerts = kafka.topics().alerts().name();
        AlertingConfig config = AlertingConfig.of(null, null, null,
                WebhookSinkConfig.to(hook.url()),
                AlertmanagerSinkConfig.defaults(),
                DeliveryConfig.of(Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(20)))
                .withKafka(kafka).withMetrics(MetricsSettings.localFreePort());

        List<AnomalyRecord> firstRun = List.of(
                record("r1", 1, 60, false), record("r2", 1, 40, false), record("r3", 1, 80, true),
                record("r3", 2, 80, false), record("r1", 2, 72, false), record("r2", 2, 55, false));
        List<AnomalyRecord> secondRun = new ArrayList<>(firstRun);
        secondRun.add(record("r1", 3, 90, false));
        secondRun.add(record("r4", 1, 99, false));

        try (RunningService<AlertingConfig> service = AlertingMain.runner().start(config)) {
            produce(anomalies, firstRun);
            produce(anomalies, firstRun); // replay
            List<ConsumerRecord<byte[], byte[]>> out = KAFKA.readCommitted(alerts, 3, Duration.ofSeconds(60));
            assertThat(alertRecordIds(out)).containsExactlyInAnyOrder("r1", "r2", "r3");
            await().atMost(Duration.ofSeconds(30)).until(() -> delivered.size() >= 3);
        }

        // restart: the state topic tells the new incarnation what was raised
        try (RunningService<AlertingConfig> service = AlertingMain.runner()
                .start(config.withMetrics(MetricsSettings.localFreePort()))) {
            produce(anomalies, secondRun);
            List<ConsumerRecord<byte[], byte[]>> out = KAFKA.readCommitted(alerts, 4, Duration.ofSeconds(60));
            assertThat(alertRecordIds(out)).containsExactlyInAnyOrder("r1", "r2", "r3", "r4");
            await().atMost(Duration.ofSeconds(30)).until(() -> delivered.size() >= 4);
        }

        Set<String> expected = Set.of("r1", "r2", "r3", "r4").stream().map(id -> AlertIds.of(RULE, JOB, id))
                .collect(Collectors.toSet());
        assertThat(Set.copyOf(delivered)).isEqualTo(expected); // nothing lost
        assertThat(delivered).hasSize(4);                       // each delivered once
        assertThat(requests.get()).isEqualTo(6);                // two failed attempts were retried
    }

    private static List<String> alertRecordIds(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> Json.read(r.value(), Alert.class).anomaly().recordId()).toList();
    }

    private static void produce(String topic, List<AnomalyRecord> records) {
        AnomalyRecords.produce(KAFKA, topic, records);
    }
}
