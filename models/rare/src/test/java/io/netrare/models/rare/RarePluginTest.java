package io.netrare.models.rare;

import io.netrare.schema.spi.JobSpec;
import io.netrare.schema.spi.ModelPlugin;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RarePluginTest {

    @Test
    void isFoundThroughServiceLoader() {
        assertThat(ModelPlugin.load("rare")).isInstanceOf(RarePlugin.class);
        assertThat(ModelPlugin.load("rare").provider(JobSpec.anchorDefault(), Map.of()).formatVersion())
                .isEqualTo(RarityProvider.FORMAT_VERSION);
    }

    @Test
    void defaultsAreTheAnchorsAndRoundTripThroughSettings() {
        RareModelConfig d = RareModelConfig.read(Map.of());
        assertThat(d).isEqualTo(RareModelConfig.defaults());
        assertThat(d.toSettings()).containsExactly(Map.entry("decay", "0.00025"), Map.entry("entity_cap", "200000"),
                Map.entry("max_idle", "30d"), Map.entry("soft_limit_fraction", "0.9"),
                Map.entry("unusual_probability", "0.035"));
        // decay is per unit of time: a 30 minute bucket decays twice as much
        assertThat(d.lambdaPerBucket(java.time.Duration.ofMinutes(30))).isEqualTo(0.0005);
        RareModelConfig custom = new RareModelConfig(0.001, 5000, 0.8, 0.01, java.time.Duration.ofHours(36));
        assertThat(RareModelConfig.read(custom.toSettings())).isEqualTo(custom);
    }

    @Test
    void settingsOfOtherModelsAndBadValuesAreRefused() {
        assertThatThrownBy(() -> RareModelConfig.read(Map.of("warmup", "1d", "entity_cap", "many")))
                .hasMessageContaining("'warmup' is not a setting of model rare")
                .hasMessageContaining("entity_cap must be a whole number, was 'many'");
        assertThatThrownBy(() -> RareModelConfig.read(Map.of("decay", "1.5"))).hasMessageContaining("decay must be in [0, 1)");
    }
}
