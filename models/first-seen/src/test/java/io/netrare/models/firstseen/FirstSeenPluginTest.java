package io.netrare.models.firstseen;

import io.netrare.schema.spi.ModelPlugin;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FirstSeenPluginTest {

    @Test
    void isFoundThroughServiceLoader() {
        assertThat(ModelPlugin.load("first_seen")).isInstanceOf(FirstSeenPlugin.class);
    }

    @Test
    void settingsRoundTripAndDefaultsHold() {
        assertThat(FirstSeenConfig.read(Map.of())).isEqualTo(FirstSeenConfig.defaults());
        assertThat(FirstSeenConfig.defaults().toSettings()).containsEntry("history_window", "14d").containsEntry("warmup", "1d")
                .containsEntry("probability", "0.001").containsEntry("entity_cap", "500000");
        FirstSeenConfig custom = new FirstSeenConfig(Duration.ofDays(7), Duration.ofHours(12), 0.002, 1000);
        assertThat(FirstSeenConfig.read(custom.toSettings())).isEqualTo(custom);
    }

    @Test
    void theRareModelsSettingsAreNotAcceptedAndIgnored() {
        assertThatThrownBy(() -> FirstSeenConfig.read(Map.of("decay", "0.001", "unusual_probability", "0.01")))
                .hasMessageContaining("'decay' is not a setting of model first_seen")
                .hasMessageContaining("'unusual_probability' is not a setting of model first_seen");
    }
}
