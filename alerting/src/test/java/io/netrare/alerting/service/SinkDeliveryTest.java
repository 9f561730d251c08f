package io.netrare.alerting.service;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netrare.alerting.AlertFactory;
import io.netrare.alerting.rules.RuleLoader;
import io.netrare.alerting.sink.AlertSink;
import io.netrare.alerting.sink.AuthFailurePolicy;
import io.netrare.alerting.sink.ConsoleSink;
import io.netrare.alerting.sink.DeliveryConfig;
import io.netrare.alerting.sink.Secret;
import io.netrare.alerting.sink.WebhookSink;
import io.netrare.alerting.sink.WebhookSinkConfig;
import io.netrare.runtime.kafka.DeadLetters;
import io.netrare.runtime.testing.MutableClock;
import io.netrare.schema.Alert;
import io.netrare.schema.AnomalyRecord;
import io.netrare.schema.Explanation;
import io.netrare.schema.Json;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A sink's delivery ({@link SinkDeliveryProcessor}, the runtime's retrier and dead letters) against a real HTTP
 * server on 127.0.0.1: retries, permanent failures, the authentication-failure policy with a rotated token
 * file, the response cap, masked URLs, and an alert whose process name is an attack on the reader.
 */
class SinkDeliveryTest {

    private static final String TOPIC = "netrare.alerts";
    private static final String DLQ = "netrare.dlq.alerting";

    record Received(String idempotencyKey, String authorization, String body) {
    }

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<Received> delivered = new CopyOnWriteArrayList<>();
    private volatile int failFirst = 0;
    private volatile int failStatus = 503;
    private volatile String expectedToken = null;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));
    private final List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
    private final List<Duration> waits = new ArrayList<>();
    private final DeliveryConfig fast = DeliveryConfig.of(Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(10));

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int n = requests.incrementAndGet();
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            int status = n <= failFirst ? failStatus
                    : expectedToken != null && !expectedToken.equals(auth) ? 401 : 200;
            if (status == 200) {
                delivered.add(new Received(exchange.getRequestHeaders().getFirst("Idempotency-Key"), auth,
                        new String(body, StandardCharsets.UTF_8)));
            }
            byte[] answer = status == 200 ? new byte[0] : ("denied \u001b[2J" + "x".repeat(500)).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                exchange.getResponseBody().write(answer);
            }
            exchange.close();
        });
        server.createContext("/endless", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(500, 0); // chunked, never ends on its own
            try (OutputStream body = exchange.getResponseBody()) {
                byte[] chunk = new byte[64 * 1024];
                for (int i = 0; i < 1_000_000; i++) {
                    body.write(chunk);
                }
            } catch (IOException closedByTheClient) {
                // the sink stopped reading, as it should
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private WebhookSink webhook(String tokenReference, DeliveryConfig delivery) {
        WebhookSinkConfig config = new WebhookSinkConfig(true, url("/hook"), Map.of("Authorization", tokenReference),
                null, null, null, Duration.ofSeconds(5));
        return new WebhookSink(config, delivery, Map.of("HOOK_TOKEN", "Bearer s3cret")::get);
    }

    private SinkDeliveryProcessor processor(AlertSink sink, DeliveryConfig delivery) {
        return new SinkDeliveryProcessor(sink, delivery, new AlertingMetrics(registry), clock, waits::add, DLQ);
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset, Alert alert) {
        return new ConsumerRecord<>(TOPIC, 0, offset, alert.kafkaKey().getBytes(StandardCharsets.UTF_8), Json.write(alert));
    }

    private String header(ProducerRecord<byte[], byte[]> r, String key) {
        return new String(r.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
    }

    @Test
    void failedAttemptsAreRetriedAndTheAlertIsDeliveredOnce() throws Exception {
        failFirst = 2;
        Alert alert = alert("rec-1", "xmrig");
        processor(webhook("env:HOOK_TOKEN", fast), fast).process(record(0, alert), out::add);

        assertThat(requests.get()).isEqualTo(3);
        assertThat(waits).containsExactly(Duration.ofMillis(20), Duration.ofMillis(40)); // the runtime retrier's doubling
        assertThat(delivered).singleElement().satisfies(r -> {
            assertThat(r.idempotencyKey()).isEqualTo(alert.alertId());
            assertThat(r.authorization()).isEqualTo("Bearer s3cret");
            assertThat(Json.read(r.body(), Alert.class)).isEqualTo(alert);
        });
        assertThat(out).isEmpty();
        assertThat(registry.counter("netrare.alerting.sink.deliveries", "sink", "webhook").count()).isEqualTo(1);
        assertThat(registry.counter("netrare.alerting.sink.failures", "sink", "webhook").count()).isEqualTo(2);
    }

    @Test
    void aPermanentFailureIsDeadLetteredWithTheRuntimeHeadersAndAnEscapedCappedExcerpt() throws Exception {
        failFirst = Integer.MAX_VALUE;
        failStatus = 400;
        Alert alert = alert("rec-2", "xmrig");
        processor(webhook("env:HOOK_TOKEN", fast), fast).process(record(7, alert), out::add);

        assertThat(requests.get()).isEqualTo(1);
        assertThat(out).singleElement().satisfies(dead -> {
            assertThat(dead.topic()).isEqualTo(DLQ);
            assertThat(Json.read(dead.value(), Alert.class)).isEqualTo(alert);
            assertThat(header(dead, DeadLetters.STAGE)).isEqualTo("sink-webhook");
            assertThat(header(dead, DeadLetters.OFFSET)).isEqualTo("7");
            assertThat(header(dead, DeadLetters.ERROR_REASON)).contains("HTTP 400", "denied \\x1b[2J")
                    .doesNotContain("\u001b", "s3cret").hasSizeLessThan(300);
        });
        assertThat(registry.counter("netrare.alerting.sink.dead.letters", "sink", "webhook").count()).isEqualTo(1);
    }

    @Test
    void anUnauthorizedReceiverHoldsTheAlertsUntilTheRotatedTokenFileIsAccepted(@TempDir Path dir) throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "Bearer old\n");
        expectedToken = "Bearer new";
        DeliveryConfig config = fast.withAuthFailure(
                new AuthFailurePolicy(AuthFailurePolicy.Action.HOLD, Duration.ofSeconds(10), Duration.ofMinutes(1), null, 100));
        SinkDeliveryProcessor processor = processor(webhook("file:" + token, config), config);
        Alert first = alert("rec-a", "xmrig");
        Alert second = alert("rec-b", "nc");

        processor.process(record(10, first), out::add);
        processor.process(record(11, second), out::add);

        assertThat(requests.get()).isEqualTo(1);         // 401 once; the second alert waits behind the first
        assertThat(out).isEmpty();                       // nothing dead-lettered
        assertThat(processor.heldCount()).isEqualTo(2);
        assertThat(registry.get("netrare.alerting.sink.held.alerts").gauge().value()).isEqualTo(2);
        assertThat(registry.counter("netrare.alerting.sink.auth.failures", "sink", "webhook").count()).isEqualTo(1);
        TopicPartition tp = new TopicPartition(TOPIC, 0);
        assertThat(processor.offsetsToCommit(Map.of(tp, new OffsetAndMetadata(12))))
                .containsEntry(tp, new OffsetAndMetadata(10)); // a restart reads both again

        processor.onTick(clock.instant().plusSeconds(5), out::add); // before the backoff: no attempt
        assertThat(requests.get()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(10));
        processor.onTick(clock.instant(), out::add);                // still the old token: refused, backoff doubles
        assertThat(requests.get()).isEqualTo(2);
        assertThat(processor.heldCount()).isEqualTo(2);

        Files.writeString(token, "Bearer new\n");                   // the operator rotates the secret
        clock.advance(Duration.ofSeconds(20));
        processor.onTick(clock.instant(), out::add);

        assertThat(delivered).extracting(Received::idempotencyKey).containsExactly(first.alertId(), second.alertId());
        assertThat(processor.heldCount()).isZero();
        assertThat(out).isEmpty();
        assertThat(processor.offsetsToCommit(Map.of(tp, new OffsetAndMetadata(12)))).containsEntry(tp, new OffsetAndMetadata(12));
    }

    @Test
    void theDeadLetterPolicyAndTheHoldLimitDeadLetterAuthenticationFailures() throws Exception {
        expectedToken = "Bearer other";
        DeliveryConfig deadLetter = fast.withAuthFailure(
                new AuthFailurePolicy(AuthFailurePolicy.Action.DEAD_LETTER, null, null, null, 100));
        processor(webhook("env:HOOK_TOKEN", deadLetter), deadLetter).process(record(0, alert("r1", "x")), out::add);
        assertThat(out).singleElement().satisfies(d -> assertThat(header(d, DeadLetters.ERROR_REASON)).contains("HTTP 401"));

        out.clear();
        DeliveryConfig small = fast.withAuthFailure(new AuthFailurePolicy(AuthFailurePolicy.Action.HOLD, null, null, null, 1));
        SinkDeliveryProcessor holding = processor(webhook("env:HOOK_TOKEN", small), small);
        holding.process(record(0, alert("r1", "x")), out::add);
        holding.process(record(1, alert("r2", "x")), out::add);
        assertThat(holding.heldCount()).isEqualTo(1);
        assertThat(out).singleElement().satisfies(d -> assertThat(header(d, DeadLetters.ERROR_REASON))
                .contains("more than 1 alerts held"));
    }

    @Test
    void heldAlertsAreDeadLetteredAfterMaxHoldAndDroppedWhenTheirPartitionIsRevoked() throws Exception {
        expectedToken = "Bearer never";
        DeliveryConfig config = fast.withAuthFailure(new AuthFailurePolicy(AuthFailurePolicy.Action.HOLD,
                Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofMinutes(1), 100));
        SinkDeliveryProcessor expiring = processor(webhook("env:HOOK_TOKEN", config), config);
        expiring.process(record(0, alert("r1", "x")), out::add);
        expiring.process(record(1, alert("r2", "x")), out::add);
        clock.advance(Duration.ofMinutes(2));
        expiring.onTick(clock.instant(), out::add);
        assertThat(expiring.heldCount()).isZero();
        assertThat(out).hasSize(2).allSatisfy(d -> assertThat(header(d, DeadLetters.ERROR_REASON))
                .contains("held for PT1M while the receiver refused the credentials"));

        SinkDeliveryProcessor revoked = processor(webhook("env:HOOK_TOKEN", config), config);
        revoked.process(record(5, alert("r3", "x")), out::add);
        assertThat(revoked.heldCount()).isEqualTo(1);
        revoked.onRevoked(List.of(new TopicPartition(TOPIC, 0)));
        assertThat(revoked.heldCount()).isZero(); // the partition's new owner reads it from the committed offset
    }

    @Test
    void anEndlessResponseBodyIsReadOnlyUpToTheCap() {
        WebhookSinkConfig config = new WebhookSinkConfig(true, url("/endless"), Map.of(), null, null, null,
                Duration.ofSeconds(30));
        SinkDeliveryProcessor processor = processor(new WebhookSink(config, fast), DeliveryConfig.of(
                Duration.ofMillis(1), Duration.ofMillis(1), Duration.ZERO));
        assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> processor.process(record(0, alert("r1", "x")), out::add));
        assertThat(out).singleElement().satisfies(d -> assertThat(header(d, DeadLetters.ERROR_REASON))
                .startsWith("webhook answered HTTP 500").hasSizeLessThan(300));
    }

    @Test
    void tokensInTheUrlNeverReachTheDeadLetterReason() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        WebhookSinkConfig config = new WebhookSinkConfig(true, "http://user:pa55@127.0.0.1:" + closed
                + "/hooks/aBcDeFgHiJkLmNoP1234?token=t0ps3cret", Map.of(), null, null, null, Duration.ofSeconds(2));
        processor(new WebhookSink(config, fast), DeliveryConfig.of(Duration.ofMillis(1), Duration.ofMillis(1),
                Duration.ZERO)).process(record(0, alert("r1", "x")), out::add);
        assertThat(out).singleElement().satisfies(d -> assertThat(header(d, DeadLetters.ERROR_REASON))
                .contains("unreachable", "127.0.0.1:" + closed, "token=***")
                .doesNotContain("t0ps3cret", "pa55", "aBcDeFgHiJkLmNoP1234"));
    }

    @Test
    void aControlCharacterAlertRendersSafelyOnTheConsoleAndInTheWebhookBody() throws Exception {
        String hostile = "\u001b[2J\u001b]0;owned\u0007evil`) [click](http://x)\nALERT forged critical\u202e";
        Alert alert = alert("rec-evil", hostile);

        processor(webhook("env:HOOK_TOKEN", fast), fast).process(record(0, alert), out::add);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        new ConsoleSink(new PrintStream(console, true, StandardCharsets.UTF_8), false).deliver(alert);
        String printed = console.toString(StandardCharsets.UTF_8);

        assertThat(printed).endsWith("\n").doesNotContain("\u001b", "\u0007", "\u202e")
                .contains("`\\x1b[2J\\x1b]0;owned\\x07evil\\x60) [click](http://x)\\nALERT forged critical\\u202e`");
        assertThat(printed.lines()).hasSize(1);
        Alert received = Json.read(delivered.get(0).body(), Alert.class);
        assertThat(received.reason()).isEqualTo(alert.reason()).doesNotContain("\n", "\u001b", "\u202e");
        assertThat(received.reason().chars().filter(c -> c == '`').count()).isEqualTo(4); // two code spans, closed
        assertThat(received.process().name()).containsExactly(hostile); // the stored field stays exact
    }

    @Test
    void secretsResolveFromEnvironmentAndFilesAndNeverPrint(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("token"), "from-file\n");
        assertThat(new Secret("file:" + file).resolve()).isEqualTo("from-file");
        Secret env = new Secret("env:TOKEN");
        assertThat(env.resolve(Map.of("TOKEN", "v")::get)).isEqualTo("v");
        assertThat(env.toString()).isEqualTo("Secret[env:TOKEN]");
        assertThatThrownBy(() -> new Secret("plain-value")).hasMessageNotContaining("plain-value");
    }

    static Alert alert(String recordId, String process) {
        Instant bucket = Instant.parse("2026-11-27T10:00:00Z");
        AnomalyRecord record = new AnomalyRecord(1, recordId, 1, "v3_linux_anomalous_network_activity", "record",
                bucket.toEpochMilli(), 900, 0, "rare", "rare", "process.name", process, null, null, 1e-7, 93, 93,
                false, List.of(new AnomalyRecord.Influencer("host.name", List.of("web-07")),
                new AnomalyRecord.Influencer("process.name", List.of(process)),
                new AnomalyRecord.Influencer("destination.ip", List.of("141.94.96.144"))),
                "rare", new Explanation(0L, 0.0, 2881L, true, bucket, null, 0.0, List.of(), null, null, null, null, null),
                bucket.plusSeconds(900));
        return AlertFactory.create(new RuleLoader().loadDefault(), record, Instant.parse("2026-11-27T12:00:00Z"));
    }
}
