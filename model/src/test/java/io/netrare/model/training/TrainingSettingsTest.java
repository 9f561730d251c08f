package io.netrare.model.training;

import io.netrare.model.service.TrainingConfig;
import io.netrare.model.service.TrainingMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code training:} section: defaults, every key mapped, a bad value rejected. */
class TrainingSettingsTest {

    @Test
    void defaults() {
        TrainingSettings d = TrainingSettings.defaults();
        assertThat(d.latency()).isEqualTo(Duration.ofSeconds(60));
        assertThat(d.idleTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(d.snapshotEvery()).isEqualTo(4);
        assertThat(d.restoreTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(d.deltaExampleHosts()).isEqualTo(10);
    }

    @Test
    void everyKeyIsRead(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("model.yaml");
        Files.writeString(file, """
                training:
                  latency: 30s
                  idle_timeout: 1m
                  snapshot_every: 8
                  restore_timeout: 5m
                  delta_example_hosts: 3
                """);
        TrainingConfig config = TrainingMain.runner().loadConfig(file, Map.of());
        assertThat(config.training()).isEqualTo(new TrainingSettings(Duration.ofSeconds(30), Duration.ofMinutes(1), 8,
                Duration.ofMinutes(5), 3));
    }

    @Test
    void aNegativeNumberOfExampleHostsIsRejected(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("model.yaml");
        Files.writeString(file, "training:\n  delta_example_hosts: -1\n");
        assertThatThrownBy(() -> TrainingMain.runner().loadConfig(file, Map.of()))
                .hasMessageContaining("delta_example_hosts");
    }
}
