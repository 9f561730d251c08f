package io.netrare.alerting.service;

import com.sun.net.httpserver.HttpServer;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The alerting service on a real broker with the console and webhook sinks, fed an anomaly whose process name
 * clears the screen, retitles the terminal, forges an ALERT line and breaks out of Markdown: the console line
 * and the webhook body's reason show it escaped, and the alert's process.name keeps the exact value.
 */
class SafeAlertTextIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final String HOSTILE = "\u001b[2J\u001b]0;owned\u0007sshd`\n**ALERT** forged: all clear\u202e";

    private HttpServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void controlCharactersReachNeitherTheConsoleNorTheWebhookReason() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        KafkaSettings kafka = KAFKA.settings("alerting-safe").withTopicPrefix(KAFKA.uniqueTopic("sa"));
        TopicAdmin.createAll(kafka, 1);
        AlertingConfig config = AlertingConfig.of(null, new AlertingConfig.ConsoleConfig(true, "never"), null,
                WebhookSinkConfig.to("http://127.0.0.1:" + server.getAddress().getPort() + "/hook"),
                AlertmanagerSinkConfig.defaults(), DeliveryConfig.defaults())
                .withKafka(kafka).withMetrics(MetricsSettings.localFreePort());

        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
        try (RunningService<AlertingConfig> service = AlertingMain.runner().start(config)) {
            AnomalyRecord record = record();
            KAFKA.produce(kafka.topics().anomalies().name(),
                    List.of(Map.entry(record.kafkaKey().getBytes(StandardCharsets.UTF_8), Json.write(record))));
            await().atMost(Duration.ofSeconds(60)).until(() -> !bodies.isEmpty()
                    && console.toString(StandardCharsets.UTF_8).contains("(alert "));
        } finally {
            System.setOut(stdout);
        }

        String printed = console.toString(StandardCharsets.UTF_8);
        String line = printed.lines().filter(l -> l.contains("(alert ")).findFirst().orElseThrow();
        assertThat(printed).doesNotContain("\u001b", "\u0007", "\u202e");
        assertThat(printed.lines().filter(l -> l.contains("ALERT"))).containsExactly(line); // no forged line
        assertThat(line).contains("process `\\x1b[2J\\x1b]0;owned\\x07sshd\\x60\\n**ALERT** forged: all clear\\u202e`");

        Alert received = Json.read(bodies.get(0), Alert.class);
        assertThat(received.reason()).contains("`\\x1b[2J\\x1b]0;owned\\x07sshd\\x60\\n**ALERT** forged: all clear\\u202e`")
                .doesNotContain("\n", "\u001b", "\u202e");
        assertThat(received.process().name()).containsExactly(HOSTILE);
    }

    private static AnomalyRecord record() {
        Instant bucket = Instant.parse("2026-11-27T10:00:00Z");
        return new AnomalyRecord(1, "evil", 1, "v3_linux_anomalous_network_activity", "record", bucket.toEpochMilli(),
                900, 0, "rare", "rare", "process.name", HOSTILE, null, null, 1e-6, 90, 90, false,
                List.of(new AnomalyRecord.Influencer("host.name", List.of("web-07")),
                        new AnomalyRecord.Influencer("process.name", List.of(HOSTILE))),
                "rare", null, bucket.plusSeconds(900));
    }
}
