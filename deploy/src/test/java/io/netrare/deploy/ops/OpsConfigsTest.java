package io.netrare.deploy.ops;

import io.netrare.model.service.TrainingConfig;
import io.netrare.runtime.ServiceConfig;
import io.netrare.scoring.service.ScoringConfig;
import io.netrare.runtime.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** deploy/config/<service>.yaml loads with the service's own config class, as the jar and the images load it. */
class OpsConfigsTest {

    static ServiceConfig load(ServiceCatalog service, Path file, Map<String, String> env) {
        return (ServiceConfig) service.runner().loadConfig(file, env);
    }

    static Path exampleConfig(ServiceCatalog service) {
        return OpsFiles.deploy("config/" + service.serviceName() + ".yaml");
    }

    @ParameterizedTest
    @EnumSource(ServiceCatalog.class)
    void exampleConfigLoadsWithAnEmptyEnvironment(ServiceCatalog service) {
        ServiceConfig config = load(service, exampleConfig(service), Map.of());
        assertThat(config.metrics().port()).isEqualTo(9400);
        assertThat(config.kafka().bootstrapServers()).isEqualTo("kafka:9092");
        assertThat(config.kafka().topicPrefix()).isEqualTo("netrare");
    }

    @ParameterizedTest
    @EnumSource(ServiceCatalog.class)
    void environmentOverridesTheFile(ServiceCatalog service) {
        ServiceConfig config = load(service, exampleConfig(service), Map.of(
                "NETRARE_KAFKA__BOOTSTRAP_SERVERS", "broker-1:9093", "NETRARE_METRICS__PORT", "9555"));
        assertThat(config.kafka().bootstrapServers()).isEqualTo("broker-1:9093");
        assertThat(config.metrics().port()).isEqualTo(9555);
    }

    @Test
    void trainingAndScoringRunTheSameJob() {
        TrainingConfig model = (TrainingConfig) load(ServiceCatalog.MODEL, exampleConfig(ServiceCatalog.MODEL), Map.of());
        ScoringConfig scoring = (ScoringConfig) load(ServiceCatalog.SCORING, exampleConfig(ServiceCatalog.SCORING), Map.of());
        assertThat(scoring.job()).isEqualTo(model.job());
        assertThat(model.job().modelType()).isEqualTo("rare");
        assertThat(model.job().jobId()).isEqualTo("v3_linux_anomalous_network_activity");
    }

    @Test
    void aMistypedKeyIsRejected(@TempDir Path dir) throws Exception {
        // the same loader the examples pass through rejects what is not a config key
        Path bad = dir.resolve("model.yaml");
        Files.writeString(bad, OpsFiles.read(exampleConfig(ServiceCatalog.MODEL)).replace("snapshot_every:", "snapshot_evry:"));
        assertThatThrownBy(() -> load(ServiceCatalog.MODEL, bad, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("snapshot_evry");
    }
}
