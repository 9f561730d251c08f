package io.netrare.alerting.service;

import io.netrare.alerting.AlertIds;
import io.netrare.alerting.sink.AlertmanagerSinkConfig;
import io.netrare.alerting.sink.AuthFailurePolicy;
import io.netrare.alerting.sink.DeliveryConfig;
import io.netrare.alerting.sink.WebhookSinkConfig;
import io.netrare.runtime.RunningService;
import io.netrare.runtime.kafka.ClientConfigs;
import io.netrare.runtime.kafka.KafkaSettings;
import io.netrare.runtime.kafka.TopicAdmin;
import io.netrare.runtime.metrics.MetricsSettings;
import io.netrare.runtime.testing.KafkaBrokerExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static io.netrare.alerting.service.AnomalyRecords.JOB;
import static io.netrare.alerting.service.AnomalyRecords.RULE;
import static io.netrare.alerting.service.AnomalyRecords.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A webhook that answers 401 on a real broker: the sink holds the alerts (nothing dead-lettered, offsets not
 * committed, the held gauge up) across a restart, and delivers all of them once the token file is rotated.
 */
class AuthFailureIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @TempDir
    Path dir;
    private TestWebhook hook;
    private final AtomicInteger refused = new AtomicInteger();
    private final List<String> received = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopServer() {
        if (hook != null) {
            hook.close();
        }
    }

    @Test
    void unauthorizedAlertsAreHeldAcrossARestartAndDeliveredOnceTheTokenIsRotated() throws Exception {
        hook = TestWebhook.start((headers, body) -> {
            if ("Bearer new".equals(headers.getFirst("Authorization"))) {
                received.add(headers.getFirst("Idempotency-Key"));
                return 200;
            }
            refused.incrementAndGet();
            return 401;
        });
        Path token = Files.writeString(dir.resolve("token"), "Bearer old\n");

        KafkaSettings kafka = KAFKA.settings("alerting-auth").withTopicPrefix(KAFKA.uniqueTopic("au"));
        TopicAdmin.createAll(kafka, 2);
        WebhookSinkConfig webhook = new WebhookSinkConfig(true, hook.url(), Map.of("Authorization", "file:" + token),
                null, null, null, Duration.ofSeconds(5));
        DeliveryConfig delivery = DeliveryConfig.of(Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofSeconds(5))
                .withAuthFailure(new AuthFailurePolicy(AuthFailurePolicy.Action.HOLD, Duration.ofMillis(200),
                        Duration.ofSeconds(1), null, 100));
        AlertingConfig config = AlertingConfig.of(null, null, null, webhook, AlertmanagerSinkConfig.defaults(), delivery)
                .withKafka(kafka);
        String sinkGroup = kafka.topicPrefix() + ".alerting.sink.webhook";
        String alerts = kafka.topics().alerts().name();

        try (RunningService<AlertingConfig> service = AlertingMain.runner().start(config.withMetrics(MetricsSettings.localFreePort()))) {
            AnomalyRecords.produce(KAFKA, kafka.topics().anomalies().name(), List.of(record("r1"), record("r2"), record("r3")));
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    service.registry().get("netrare.alerting.sink.held.alerts").gauge().value() == 3);
            await().atMost(Duration.ofSeconds(30)).until(() -> refused.get() >= 2); // retried with backoff
        }
        assertThat(received).isEmpty();
        assertThat(uncommitted(kafka, sinkGroup, alerts)).isEqualTo(3); // a restart reads the held alerts again

        int before = refused.get();
        try (RunningService<AlertingConfig> service = AlertingMain.runner().start(config.withMetrics(MetricsSettings.localFreePort()))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> refused.get() > before); // held again after the restart
            Files.writeString(token, "Bearer new\n");                                 // the operator rotates the token
            await().atMost(Duration.ofSeconds(60)).until(() -> received.size() >= 3);
            await().atMost(Duration.ofSeconds(60)).until(() -> uncommitted(kafka, sinkGroup, alerts) == 0);
            assertThat(service.registry().get("netrare.alerting.sink.held.alerts").gauge().value()).isZero();
            assertThat(service.registry().find("netrare.alerting.sink.dead.letters").counters()).isEmpty();
        }
        assertThat(received).containsExactlyInAnyOrder(AlertIds.of(RULE, JOB, "r1"), AlertIds.of(RULE, JOB, "r2"),
                AlertIds.of(RULE, JOB, "r3"));
        assertThat(KAFKA.readCommitted(kafka.topics().deadLetters("alerting").name(), 1, Duration.ofSeconds(2))).isEmpty();
    }

    /** The alerts a new member of the sink's group would read: those after the committed offsets. */
    private static int uncommitted(KafkaSettings kafka, String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed;
        try (Admin admin = Admin.create(ClientConfigs.admin(kafka, "auth-it"))) {
            committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        }
        int count = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(ClientConfigs.consumer(kafka, "auth-it", null, 100))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata at = committed.get(tp);
                if (at == null) {
                    consumer.seekToBeginning(List.of(tp));
                } else {
                    consumer.seek(tp, at.offset());
                }
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                count += consumer.poll(Duration.ofMillis(200)).count();
            }
        }
        return count;
    }
}
