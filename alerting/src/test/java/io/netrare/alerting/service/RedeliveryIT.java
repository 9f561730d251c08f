package io.netrare.alerting.service;

import io.netrare.alerting.AlertIds;
import io.netrare.alerting.sink.AlertmanagerSinkConfig;
import io.netrare.alerting.sink.DeliveryConfig;
import io.netrare.alerting.sink.WebhookSinkConfig;
import io.netrare.runtime.RunningService;
import io.netrare.runtime.kafka.DeadLetters;
import io.netrare.runtime.kafka.KafkaSettings;
import io.netrare.runtime.kafka.TopicAdmin;
import io.netrare.runtime.metrics.MetricsSettings;
import io.netrare.runtime.testing.KafkaBrokerExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.netrare.alerting.service.AnomalyRecords.JOB;
import static io.netrare.alerting.service.AnomalyRecords.RULE;
import static io.netrare.alerting.service.AnomalyRecords.entry;
import static io.netrare.alerting.service.AnomalyRecords.record;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code netrare alerts redeliver} on a real broker: a webhook that is down makes the sink dead-letter every
 * alert; once it is back, a redelivery run sends each of them once (with its alert id as idempotency key),
 * skips dead letters of other stages, and a second run sends nothing.
 */
class RedeliveryIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private TestWebhook hook;
    private volatile boolean up;
    private final List<String> received = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopServer() {
        if (hook != null) {
            hook.close();
        }
    }

    @Test
    void deadLetteredAlertsAreRedeliveredOnceTheReceiverIsBack() throws Exception {
        hook = TestWebhook.start((headers, body) -> {
            if (up) {
                received.add(headers.getFirst("Idempotency-Key"));
            }
            return up ? 200 : 503;
        });

        KafkaSettings kafka = KAFKA.settings("alerting-redeliver").withTopicPrefix(KAFKA.uniqueTopic("rd"));
        TopicAdmin.createAll(kafka, 2);
        AlertingConfig config = AlertingConfig.of(null, null, null,
                WebhookSinkConfig.to(hook.url()),
                AlertmanagerSinkConfig.defaults(),
                DeliveryConfig.of(Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(100)))
                .withKafka(kafka).withMetrics(MetricsSettings.localFreePort());
        String dlq = kafka.topics().deadLetters("alerting").name();

        try (RunningService<AlertingConfig> service = AlertingMain.runner().start(config)) {
            KAFKA.produce(kafka.topics().anomalies().name(), List.of(
                    entry(record("r1")), entry(record("r2")), entry(record("r3")),
                    Map.entry("junk".getBytes(StandardCharsets.UTF_8), "{not json".getBytes(StandardCharsets.UTF_8))));
            List<ConsumerRecord<byte[], byte[]>> dead = KAFKA.readCommitted(dlq, 4, Duration.ofSeconds(60));
            assertThat(dead).extracting(r -> new String(r.headers().lastHeader(DeadLetters.STAGE).value(), StandardCharsets.UTF_8))
                    .containsExactlyInAnyOrder("sink-webhook", "sink-webhook", "sink-webhook", "process");
        }
        assertThat(received).isEmpty();

        up = true;
        StringWriter log = new StringWriter();
        Redeliverer redeliverer = new Redeliverer(config, Clock.systemUTC(), new PrintStream(PrintStream.nullOutputStream()));
        Redeliverer.Result first = redeliverer.redeliver("webhook", false, false, new PrintWriter(log, true));

        assertThat(first).isEqualTo(new Redeliverer.Result(3, 1, 0));
        assertThat(received).containsExactlyInAnyOrder(AlertIds.of(RULE, JOB, "r1"), AlertIds.of(RULE, JOB, "r2"),
                AlertIds.of(RULE, JOB, "r3"));
        assertThat(log.toString()).contains("3 alerts redelivered");

        Redeliverer.Result again = redeliverer.redeliver("webhook", false, false, new PrintWriter(new StringWriter(), true));
        assertThat(again.delivered()).isZero();
        assertThat(received).hasSize(3);
    }
}
