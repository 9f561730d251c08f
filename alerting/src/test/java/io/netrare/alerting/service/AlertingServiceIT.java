package io.netrare.alerting.service;

import com.sun.net.httpserver.HttpServer;
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

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

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

    private static final String JOB = "v3_linux_anomalous_network_activity";
    private static final String RULE = "52afbdc5-db15-485e-bc24-f5707f820c4b";

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> delivered = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void replaysUpdatesAndARestartYieldOneAlertPerRecordAndEveryAlertReachesTheWebhook() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            int status = requests.incrementAndGet() <= 2 ? 503 : 200;
            if (status == 200) {
                delivered.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();

        KafkaSettings kafka = KAFKA.settings("alerting-1").withTopicPrefix(KAFKA.uniqueTopic("al"));
        TopicAdmin.createAll(kafka, 2);
        String anomalies = kafka.topics().anomalies().name();
        String alerts = kafka.topics().alerts().name();
        AlertingConfig config = AlertingConfig.of(null, null, null,
                WebhookSinkConfig.to("http://127.0.0.1:" + server.getAddress().getPort() + "/hook"),
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
        KAFKA.produce(topic, records.stream().map(r -> Map.entry(r.kafkaKey().getBytes(StandardCharsets.UTF_8),
                Json.write(r))).toList());
    }

    private static AnomalyRecord record(String id, long version, double score, boolean interim) {
        Instant bucket = Instant.parse("2026-11-27T10:00:00Z");
        return new AnomalyRecord(1, id, version, JOB, "record", bucket.toEpochMilli(), 900, 0, "rare", "rare",
                "process.name", "proc-" + id, null, null, 1e-6, score, score, interim,
                List.of(new AnomalyRecord.Influencer("host.name", List.of("web-07")),
                        new AnomalyRecord.Influencer("process.name", List.of("proc-" + id))),
                "rare", null, bucket.plusSeconds(900));
    }
}
