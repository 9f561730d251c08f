package io.netrare.alerting.sink;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netrare.alerting.AlertingMetrics;
import io.netrare.schema.Alert;
import io.netrare.schema.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The webhook sink against a real HTTP server on 127.0.0.1 that fails the first attempts. */
class WebhookSinkTest {

    record Received(String idempotencyKey, String authorization, String body) {
    }

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<Received> delivered = new CopyOnWriteArrayList<>();
    private volatile int failFirst = 2;
    private volatile int failStatus = 503;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DeliveryConfig fast = new DeliveryConfig(5, Duration.ofMillis(20), Duration.ofMillis(100),
            Duration.ofSeconds(10));

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int n = requests.incrementAndGet();
            int status = n <= failFirst ? failStatus : 200;
            if (status == 200) {
                delivered.add(new Received(exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                        exchange.getRequestHeaders().getFirst("Authorization"), new String(body, StandardCharsets.UTF_8)));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private WebhookSink sink() {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        WebhookSinkConfig config = new WebhookSinkConfig(true, url, Map.of("Authorization", "env:HOOK_TOKEN"),
                null, null, null, Duration.ofSeconds(5));
        return new WebhookSink(config, Map.of("HOOK_TOKEN", "Bearer s3cret")::get);
    }

    @Test
    void failedAttemptsAreRetriedAndTheAlertIsDeliveredOnce() throws Exception {
        Alert alert = TestAlerts.alert("rec-1", Clock.systemUTC().instant());
        List<String> dead = new CopyOnWriteArrayList<>();
        ReliableDelivery delivery = new ReliableDelivery(sink(), fast, (s, a, r) -> dead.add(r),
                new AlertingMetrics(registry), Clock.systemUTC(), ReliableDelivery.Sleeper.THREAD);

        assertThat(delivery.deliver(alert)).isTrue();

        assertThat(requests.get()).isEqualTo(3);
        assertThat(delivered).singleElement().satisfies(r -> {
            assertThat(r.idempotencyKey()).isEqualTo(alert.alertId());
            assertThat(r.authorization()).isEqualTo("Bearer s3cret");
            assertThat(Json.read(r.body(), Alert.class)).isEqualTo(alert);
        });
        assertThat(dead).isEmpty();
        assertThat(registry.counter("netrare.alerting.sink.deliveries", "sink", "webhook").count()).isEqualTo(1);
        assertThat(registry.counter("netrare.alerting.sink.failures", "sink", "webhook").count()).isEqualTo(2);
        assertThat(registry.timer("netrare.alerting.delivery.latency", "sink", "webhook").count()).isEqualTo(1);
    }

    @Test
    void aPermanentFailureGoesToTheDeadLettersWithoutRetrying(@TempDir Path dir) throws Exception {
        failFirst = Integer.MAX_VALUE;
        failStatus = 400;
        Path dlq = dir.resolve("dlq.ndjson");
        Alert alert = TestAlerts.alert("rec-2", Clock.systemUTC().instant());
        ReliableDelivery delivery = new ReliableDelivery(sink(), fast, new NdjsonDeadLetters(dlq, Clock.systemUTC()),
                new AlertingMetrics(registry), Clock.systemUTC(), ReliableDelivery.Sleeper.THREAD);

        assertThat(delivery.deliver(alert)).isFalse();

        assertThat(requests.get()).isEqualTo(1);
        String line = Files.readString(dlq).trim();
        assertThat(line).contains("\"sink\":\"webhook\"", "HTTP 400", alert.alertId()).doesNotContain("s3cret");
        assertThat(registry.counter("netrare.alerting.sink.dead.letters", "sink", "webhook").count()).isEqualTo(1);
    }

    @Test
    void retriesStopAtMaxAttempts() throws Exception {
        failFirst = Integer.MAX_VALUE;
        List<String> dead = new CopyOnWriteArrayList<>();
        List<Duration> waits = new CopyOnWriteArrayList<>();
        ReliableDelivery delivery = new ReliableDelivery(sink(), fast, (s, a, r) -> dead.add(r),
                new AlertingMetrics(registry), Clock.systemUTC(), waits::add);

        assertThat(delivery.deliver(TestAlerts.alert("rec-3", Clock.systemUTC().instant()))).isFalse();

        assertThat(requests.get()).isEqualTo(5);
        assertThat(waits).hasSize(4);
        // exponential, capped at max_backoff, jitter at most 20% down
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(16), Duration.ofMillis(20));
        assertThat(waits.get(1)).isBetween(Duration.ofMillis(32), Duration.ofMillis(40));
        assertThat(waits.get(3)).isBetween(Duration.ofMillis(80), Duration.ofMillis(100));
        assertThat(dead).singleElement().asString().contains("HTTP 503");
    }

    @Test
    void secretsResolveFromEnvironmentAndFilesAndNeverPrint(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("token"), "from-file\n");
        assertThat(new Secret("file:" + file).resolve()).isEqualTo("from-file");
        Secret env = new Secret("env:TOKEN");
        assertThat(env.resolve(Map.of("TOKEN", "v")::get)).isEqualTo("v");
        assertThat(env.toString()).doesNotContain("v\"").isEqualTo("Secret[env:TOKEN]");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Secret("plain-value"))
                .hasMessageNotContaining("plain-value");
    }
}
