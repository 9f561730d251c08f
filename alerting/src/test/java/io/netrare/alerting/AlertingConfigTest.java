package io.netrare.alerting;

import io.netrare.alerting.rules.RuleLoader;
import io.netrare.alerting.sink.AlertSink;
import io.netrare.alerting.sink.AlertmanagerSinkConfig;
import io.netrare.alerting.sink.DeliveryConfig;
import io.netrare.alerting.sink.WebhookSinkConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertingConfigTest {

    @Test
    void defaultsRunTheShippedRuleWithNoOptionalSink() {
        AlertingConfig config = AlertingConfig.defaults();
        assertThat(config.loadRules(new RuleLoader())).extracting(r -> r.ruleId())
                .containsExactly("52afbdc5-db15-485e-bc24-f5707f820c4b");
        assertThat(config.createSinks(System.out)).isEmpty();
        assertThat(config.delivery().maxAttempts()).isEqualTo(8);
        assertThat(config.kafka().topicPrefix()).isEqualTo("netrare");
        assertThat(config.delivery().deadline()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.elasticsearch().enabled()).isFalse();
        assertThat(config.webhook().timeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void everySinkCanBeEnabled(@TempDir Path dir) {
        AlertingConfig config = AlertingConfig.of(null, new AlertingConfig.ConsoleConfig(true, "never"),
                new AlertingConfig.NdjsonConfig(true, dir.resolve("alerts.ndjson")),
                WebhookSinkConfig.to("https://hooks.example/netrare"),
                AlertmanagerSinkConfig.at("http://127.0.0.1:9093"), DeliveryConfig.DEFAULTS);
        assertThat(config.createSinks(new PrintStream(PrintStream.nullOutputStream()))).extracting(AlertSink::name)
                .containsExactly("console", "ndjson", "webhook", "alertmanager");
    }

    @Test
    void invalidValuesAreRejected() {
        assertThatThrownBy(() -> new AlertingConfig.ConsoleConfig(true, "rainbow")).hasMessageContaining("console.colour");
        assertThatThrownBy(() -> new AlertingConfig.NdjsonConfig(true, null)).hasMessageContaining("ndjson.path");
        assertThatThrownBy(() -> new WebhookSinkConfig(true, "ftp://x/", Map.of(), null, null, null, null))
                .hasMessageContaining("http or https");
        assertThatThrownBy(() -> new WebhookSinkConfig(true, null, Map.of(), null, null, null, null))
                .hasMessageContaining("webhook.url");
        assertThatThrownBy(() -> new WebhookSinkConfig(false, null, Map.of("Authorization", "Bearer xyz"), null, null,
                null, null)).hasMessageContaining("env:NAME").hasMessageNotContaining("xyz");
        assertThatThrownBy(() -> new DeliveryConfig(0, Duration.ZERO, Duration.ZERO, Duration.ZERO))
                .hasMessageContaining("max_attempts");
        assertThatThrownBy(() -> new DeliveryConfig(3, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ZERO)).hasMessageContaining("max_backoff");
    }
}
