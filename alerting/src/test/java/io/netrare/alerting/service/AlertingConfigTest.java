package io.netrare.alerting.service;

import io.netrare.alerting.rules.RuleLoader;
import io.netrare.alerting.sink.AlertSink;
import io.netrare.alerting.sink.AlertmanagerSinkConfig;
import io.netrare.alerting.sink.AuthFailurePolicy;
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
        assertThat(config.delivery().deadline()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.delivery().authFailure().action()).isEqualTo(AuthFailurePolicy.Action.HOLD);
        assertThat(config.kafka().topicPrefix()).isEqualTo("netrare");
        assertThat(config.delivery().maxResponseBody().bytes()).isEqualTo(4096);
        assertThat(config.webhook().timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.elasticsearch().enabled()).isFalse();
        assertThat(config.dedup().horizon()).isEqualTo(Duration.ofDays(90));
    }

    @Test
    void everySinkCanBeEnabled(@TempDir Path dir) {
        AlertingConfig config = AlertingConfig.of(null, new AlertingConfig.ConsoleConfig(true, "never"),
                new AlertingConfig.NdjsonConfig(true, dir.resolve("alerts.ndjson")),
                WebhookSinkConfig.to("https://hooks.example/netrare"),
                AlertmanagerSinkConfig.at("http://127.0.0.1:9093"), DeliveryConfig.defaults());
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
        assertThatThrownBy(() -> new DedupConfig(Duration.ZERO)).hasMessageContaining("dedup.horizon");
        assertThatThrownBy(() -> DeliveryConfig.of(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ZERO))
                .hasMessageContaining("delivery.max_backoff");
        assertThatThrownBy(() -> DeliveryConfig.of(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMinutes(5)))
                .hasMessageContaining("delivery.deadline must be at most 4m");
        assertThatThrownBy(() -> new AuthFailurePolicy(null, null, null, null, 0))
                .hasMessageContaining("delivery.auth_failure.max_held");
        assertThatThrownBy(() -> AlertmanagerSinkConfig.at("http://am:9093").withBasicAuth("netrare", "hunter2"))
                .hasMessageContaining("env:NAME").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> new AlertmanagerSinkConfig(true, "http://am:9093", null, null, null, null, null,
                "netrare", "env:AM_PASSWORD", "env:AM_TOKEN")).hasMessageContaining("exclude each other");
        assertThatThrownBy(() -> new AlertmanagerSinkConfig(true, "http://am:9093", null, null, null, null, null,
                "netrare", null, null)).hasMessageContaining("go together");
    }

    @Test
    void everyKeyMapsFromYamlAndEnvironment(@TempDir Path dir) throws Exception {
        Path file = java.nio.file.Files.writeString(dir.resolve("alerting.yaml"), """
                webhook:
                  enabled: true
                  url: https://soar.example/hook
                  headers: {Authorization: "file:/run/secrets/hook"}
                alertmanager:
                  enabled: true
                  url: https://am.example:9093
                  trust_store: /etc/netrare/ca.p12
                  trust_store_password: "file:/run/secrets/ca"
                  trust_store_type: JKS
                  basic_auth_username: netrare
                  basic_auth_password: "env:AM_PASSWORD"
                delivery:
                  initial_backoff: 1s
                  max_backoff: 10s
                  deadline: 3m
                  max_response_body: 1kb
                  auth_failure: {action: hold, initial_backoff: 5s, max_backoff: 2m, max_hold: 0s, max_held: 50}
                dedup:
                  horizon: 120d
                """);
        AlertingConfig config = AlertingMain.runner().loadConfig(file, Map.of("NETRARE_DELIVERY__AUTH_FAILURE__ACTION", "dead_letter"));
        assertThat(config.alertmanager().trustStore()).isEqualTo(Path.of("/etc/netrare/ca.p12"));
        assertThat(config.alertmanager().trustStoreType()).isEqualTo("JKS");
        assertThat(config.alertmanager().basicAuthUsername()).isEqualTo("netrare");
        assertThat(config.alertmanager().basicAuthPassword()).isEqualTo("env:AM_PASSWORD");
        assertThat(config.delivery().retry().backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.delivery().deadline()).isEqualTo(Duration.ofMinutes(3));
        assertThat(config.delivery().maxResponseBody().bytes()).isEqualTo(1024);
        assertThat(config.delivery().authFailure()).isEqualTo(new AuthFailurePolicy(AuthFailurePolicy.Action.DEAD_LETTER,
                Duration.ofSeconds(5), Duration.ofMinutes(2), Duration.ZERO, 50));
        assertThat(config.dedup().horizon()).isEqualTo(Duration.ofDays(120));
    }
}
