package io.netrare.alerting.service;

import io.netrare.alerting.sink.AlertmanagerSinkConfig;
import io.netrare.alerting.sink.DeliveryConfig;
import io.netrare.alerting.sink.WebhookSinkConfig;
import io.netrare.runtime.RunningService;
import io.netrare.runtime.kafka.KafkaSettings;
import io.netrare.runtime.kafka.TopicAdmin;
import io.netrare.runtime.metrics.MetricsSettings;
import io.netrare.runtime.testing.KafkaBrokerExtension;
import io.netrare.schema.Alert;
import io.netrare.schema.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.netrare.alerting.service.AnomalyRecords.record;
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

    private TestWebhook hook;
    private final List<String> bodies = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopServer() {
        if (hook != null) {
            hook.close();
        }
    }

    @Test
    void controlCharactersReachNeitherTheConsoleNorTheWebhookReason() throws Exception {
        hook = TestWebhook.start((headers, body) -> {
            bodies.add(body);
            return 200;
        });
        KafkaSettings kafka = KAFKA.settings("alerting-safe").withTopicPrefix(KAFKA.uniqueTopic("sa"));
        TopicAdmin.createAll(kafka, 1);
        AlertingConfig config = AlertingConfig.of(null, new AlertingConfig.ConsoleConfig(true, "never"), null,
                WebhookSinkConfig.to(hook.url()),
                AlertmanagerSinkConfig.defaults(), DeliveryConfig.defaults())
                .withKafka(kafka).withMetrics(MetricsSettings.localFreePort());

        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
        try (RunningService<AlertingConfig> service = AlertingMain.runner().start(config)) {
            AnomalyRecords.produce(KAFKA, kafka.topics().anomalies().name(), List.of(record("evil", HOSTILE, 1, 90, false)));
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
}
