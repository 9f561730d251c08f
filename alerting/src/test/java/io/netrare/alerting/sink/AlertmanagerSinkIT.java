package io.netrare.alerting.sink;

import com.fasterxml.jackson.databind.JsonNode;
import io.netrare.schema.Alert;
import io.netrare.schema.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Alertmanager sink against a real Alertmanager (Debian's prometheus-alertmanager) started on
 * 127.0.0.1: the alert shows up in its v2 API with the rule's labels. Without the binary the test is
 * skipped, except under CI=true where it fails with the install hint.
 */
class AlertmanagerSinkIT {

    private static final Path BINARY = Path.of(System.getenv().getOrDefault("NETRARE_ALERTMANAGER_BIN",
            "/usr/bin/prometheus-alertmanager"));

    @TempDir
    Path dir;
    private Process alertmanager;
    private URI base;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        if (!Files.isExecutable(BINARY)) {
            String hint = BINARY + " is missing: apt-get install -y --no-install-recommends prometheus-alertmanager";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(hint);
            }
            Assumptions.abort(hint);
        }
        Path config = Files.writeString(dir.resolve("alertmanager.yml"), """
                route:
                  receiver: nowhere
                receivers:
                  - name: nowhere
                """);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        base = URI.create("http://127.0.0.1:" + port);
        alertmanager = new ProcessBuilder(BINARY.toString(), "--config.file=" + config,
                "--storage.path=" + Files.createDirectories(dir.resolve("data")),
                "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("alertmanager.log").toFile())
                .start();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> get("/-/ready").statusCode() == 200);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (alertmanager != null) {
            alertmanager.destroy();
            if (!alertmanager.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                alertmanager.destroyForcibly();
            }
        }
    }

    @Test
    void alertIsVisibleInTheApiWithTheRulesLabels() throws Exception {
        Alert alert = TestAlerts.alert("rec-am", java.time.Instant.now());
        AlertmanagerSink sink = new AlertmanagerSink(AlertmanagerSinkConfig.at(base.toString()), DeliveryConfig.defaults());

        sink.deliver(alert);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode alerts = Json.mapper().readTree(get("/api/v2/alerts").body());
            assertThat(alerts).hasSize(1);
            JsonNode labels = alerts.get(0).get("labels");
            assertThat(labels.get("alertname").asText()).isEqualTo("Unusual Linux Network Activity");
            assertThat(labels.get("rule_id").asText()).isEqualTo("52afbdc5-db15-485e-bc24-f5707f820c4b");
            assertThat(labels.get("severity").asText()).isEqualTo("low");
            assertThat(labels.get("host").asText()).isEqualTo("web-07");
            assertThat(labels.get("process").asText()).isEqualTo("xmrig");
            assertThat(labels.get("job_id").asText()).isEqualTo("v3_linux_anomalous_network_activity");
            assertThat(labels.get("alert_id").asText()).isEqualTo(alert.alertId());
            JsonNode annotations = alerts.get(0).get("annotations");
            assertThat(annotations.get("reason").asText()).isEqualTo(alert.reason());
            assertThat(annotations.get("note").asText()).startsWith("## Triage and analysis");
            assertThat(alerts.get(0).get("generatorURL").asText()).endsWith(alert.alertId());
            assertThat(alerts.get(0).get("status").get("state").asText()).isEqualTo("active");
        });

        // a redelivery (retry, restart) refreshes the same Alertmanager alert rather than adding one
        sink.deliver(alert);
        assertThat(Json.mapper().readTree(get("/api/v2/alerts").body())).hasSize(1);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
