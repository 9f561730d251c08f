package io.netrare.scoring.service;

import io.netrare.runtime.config.ConfigException;
import io.netrare.runtime.config.ConfigLoader;
import io.netrare.scoring.stream.ScoringSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The {@code scoring:} section: defaults, every key mapped, bad values rejected. */
class ScoringSettingsConfigTest {

    private final ConfigLoader loader = new ConfigLoader(Map.of());

    @Test
    void defaults() {
        ScoringSettings s = loader.load("", "scoring.yaml", ScoringConfig.class).scoring();
        assertThat(s).isEqualTo(ScoringSettings.defaults());
        assertThat(s.snapshotEveryBuckets()).isEqualTo(16);
    }

    @Test
    void mapsEveryKey() {
        ScoringSettings s = loader.load("""
                scoring:
                  interim_records: false
                  share_timeout: 1m
                  restore_timeout: 10m
                  max_influencer_values: 5
                  max_example_events: 1
                  min_renormalization_change: 2.5
                  warm_up: 0s
                  audit_suppressed_per_bucket: 0
                  snapshot_every_buckets: 96
                """, "scoring.yaml", ScoringConfig.class).scoring();
        assertThat(s).isEqualTo(new ScoringSettings(false, Duration.ofMinutes(1), Duration.ofMinutes(10), 5, 1, 2.5,
                Duration.ZERO, 0, 96));
    }

    @Test
    void rejectsASnapshotIntervalBelowOne() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> loader.load("""
                scoring:
                  snapshot_every_buckets: 0
                """, "scoring.yaml", ScoringConfig.class));
        assertThat(e).hasMessageContaining("snapshot_every_buckets");
    }
}
