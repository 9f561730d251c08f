package io.netrare.alerting.service;

import com.sun.net.httpserver.HttpServer;
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
import io.netrare.schema.AnomalyRecord;
import io.netrare.schema.Json;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code netrare alerts redeliver} on a real broker: a webhook that is down makes the sink dead-letter every
 * alert; once it is back, a redelivery run sends each of them once (with its alert id as idempotency key),
 * skips dead letters of other stages, and a second run sends nothing.
 */
class RedeliveryIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final String JOB = "v3_linux_anomalous_network_activity";
    private static final String RULE = "52afbdc5-db15-485e-bc24-f5707f820c4b";

    private HttpServer server;
    private volatile boolean up;
    private final List<String> received = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void deadLetteredAlertsAreRedeliveredOnceTheReceiverIsBack() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            if (up) {
                received.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
            }
            exchange.sendResponseHeaders(up ? 200 : 503, -1);
            exchange.close();
        });
        server.start();

        KafkaSettings kafka = KAFKA.settings("alerting-redeliver").withTopicPrefix(KAFKA.uniqueTopic("rd"));
        TopicAdmin.createAll(kafka, 2);
        AlertingConfig config = AlertingConfig.of(null, null, null,
                WebhookSinkConfig.to("http://127.0.0.1:" + server.getAddress().getPort() + "/hook"),
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

    private static Map.Entry<byte[], byte[]> entry(AnomalyRecord r) {
        return Map.entry(r.kafkaKey().getBytes(StandardCharsets.UTF_8), Json.write(r));
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
