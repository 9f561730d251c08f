package io.netrare.alerting.sink;

import io.netrare.schema.Alert;
import io.netrare.schema.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LocalSinksTest {

    private final Instant raisedAt = Instant.parse("2026-11-27T12:15:00Z");

    @Test
    void ndjsonSinkAppendsOneAlertPerLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out/alerts.ndjson");
        try (NdjsonFileSink sink = new NdjsonFileSink(file)) {
            sink.deliver(TestAlerts.alert("a", raisedAt));
            sink.deliver(TestAlerts.alert("b", raisedAt));
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        assertThat(Json.read(lines.get(1), Alert.class)).isEqualTo(TestAlerts.alert("b", raisedAt));
    }

    @Test
    void consoleIsPlainUnlessColourIsOn() {
        Alert alert = TestAlerts.alert("a", raisedAt);
        String plain = print(new ByteArrayOutputStream(), false, alert);
        assertThat(plain).doesNotContain("\u001b[")
                .startsWith("[LOW] 2026-11-27T10:00:00Z Unusual Linux Network Activity: process `xmrig` on host `web-07`")
                .contains("[late by 2h0m]", "(alert " + alert.alertId().substring(0, 12) + ")");
        assertThat(print(new ByteArrayOutputStream(), true, alert)).contains("\u001b[1;36m[LOW]\u001b[0m");
        assertThat(ConsoleSink.colourFor("never")).isFalse();
        assertThat(ConsoleSink.colourFor("always")).isTrue();
    }

    private static String print(ByteArrayOutputStream bytes, boolean colour, Alert alert) {
        new ConsoleSink(new PrintStream(bytes, true, StandardCharsets.UTF_8), colour).deliver(alert);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void deliveryRetriesDoubleUpToTheCapWithinTheDeadline() {
        DeliveryConfig config = DeliveryConfig.of(Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofMinutes(1));
        assertThat(config.retry().backoff(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(config.retry().backoff(2)).isEqualTo(Duration.ofMillis(400));
        assertThat(config.retry().backoff(3)).isEqualTo(Duration.ofMillis(800));
        assertThat(config.retry().backoff(4)).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.retry().backoff(60)).isEqualTo(Duration.ofSeconds(1));
        AuthFailurePolicy auth = new AuthFailurePolicy(null, Duration.ofSeconds(10), Duration.ofSeconds(30), null, 5);
        assertThat(auth.backoff(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(auth.backoff(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(auth.backoff(9)).isEqualTo(Duration.ofSeconds(30));
    }
}
