package io.netrare.models.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netrare.schema.spi.ModelPlugin;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PeerRarePluginTest {

    @Test
    void isFoundThroughServiceLoader() {
        assertThat(ModelPlugin.load("peer_rare")).isInstanceOf(PeerRarePlugin.class);
    }

    @Test
    void everySettingRoundTrips() {
        assertThat(PeerRareConfig.read(Map.of())).isEqualTo(PeerRareConfig.defaults());
        assertThat(PeerRareConfig.defaults().toSettings()).hasSize(19).containsEntry("cadence_periods", "1h,6h,1d,7d")
                .containsEntry("host_group_pattern", "").containsEntry("host_groups", "");
        PeerRareConfig custom = new PeerRareConfig(0.001, 0.01, 1000, 0.8, 8, 0.6, 3, 5, 0.75, 0.4, "^([a-z]+)-\\d+$",
                Map.of("db-1", "db", "web-1", "web"), List.of(Duration.ofHours(1), Duration.ofDays(1)), 2, 0.1, 4, 1, 3,
                Duration.ofDays(10));
        assertThat(PeerRareConfig.read(custom.toSettings())).isEqualTo(custom);
    }

    @Test
    void readsADeploymentsSettings() {
        PeerRareConfig c = PeerRareConfig.read(Map.of("host_groups", "web-1=web, db-1=db", "cadence_periods", "1d,1h",
                "similarity_threshold", "0.7"));
        assertThat(c.hostGroups()).containsEntry("web-1", "web").containsEntry("db-1", "db");
        assertThat(c.cadencePeriods()).containsExactly(Duration.ofHours(1), Duration.ofDays(1));
        assertThat(c.similarityThreshold()).isEqualTo(0.7);
        assertThat(PeerRareConfig.read(Map.of("prune_silent_after", "14d")).pruneSilentAfter()).isEqualTo(Duration.ofDays(14));
        assertThatThrownBy(() -> PeerRareConfig.read(Map.of("prune_silent_after", "0s")))
                .hasMessageContaining("prune silent after must be a positive duration");
        assertThatThrownBy(() -> PeerRareConfig.read(Map.of("history_window", "14d", "cadence_periods", "daily")))
                .hasMessageContaining("'history_window' is not a setting of model peer_rare")
                .hasMessageContaining("cadence_periods must be durations");
    }
}
