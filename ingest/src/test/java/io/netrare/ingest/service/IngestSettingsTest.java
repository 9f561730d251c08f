package io.netrare.ingest.service;

import io.netrare.ingest.AuditReassemblyConfig;
import io.netrare.ingest.files.FollowSettings;
import io.netrare.ingest.files.SymlinkPolicy;
import io.netrare.runtime.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ingest section: defaults, every key mapped, bad values rejected before the service starts. */
class IngestSettingsTest {

    @TempDir
    Path dir;

    IngestServiceConfig load(String yaml) throws Exception {
        Path file = dir.resolve("ingest.yaml");
        Files.writeString(file, yaml);
        return IngestMain.runner().loadConfig(file, Map.of());
    }

    @Test
    void defaults() throws Exception {
        IngestSettings s = load("ingest: {}\n").ingest();
        assertThat(s.files()).isEmpty();
        assertThat(s.follow()).isEqualTo(FollowSettings.defaults());
        assertThat(s.follow().enabled()).isFalse();
        assertThat(s.checkpoints()).isEqualTo(new CheckpointTopicSettings(-1, -1));
        assertThat(s.audit()).isEqualTo(AuditReassemblyConfig.defaults());
        assertThat(s.rawJoin().maxSources()).isEqualTo(64);
    }

    @Test
    void everyKeyMaps() throws Exception {
        IngestSettings s = load("""
                ingest:
                  files: ["/var/log/audit/audit.log*"]
                  follow:
                    enabled: true
                    poll_interval: 1s
                    partial_line_timeout: 3s
                    close_inactive: 1h
                    symlinks: skip
                    fingerprint_bytes: 512
                  checkpoints: {replication_factor: 3, min_insync_replicas: 2}
                  audit: {window: 5s, max_in_flight: 20, timeout: 1s}
                  raw_join: {max_sources: 8}
                """).ingest();
        assertThat(s.files()).containsExactly(Path.of("/var/log/audit/audit.log*"));
        assertThat(s.follow()).isEqualTo(new FollowSettings(true, Duration.ofSeconds(1), Duration.ofSeconds(3),
                Duration.ofHours(1), SymlinkPolicy.SKIP, 512));
        assertThat(s.checkpoints()).isEqualTo(new CheckpointTopicSettings(3, 2));
        assertThat(s.audit()).isEqualTo(new AuditReassemblyConfig(Duration.ofSeconds(5), 20, Duration.ofSeconds(1)));
        assertThat(s.rawJoin()).isEqualTo(new RawJoinSettings(8));
    }

    @Test
    void badValuesAreRejectedAllAtOnce() {
        for (String bad : List.of(
                "ingest: {checkpoints: {replication_factor: 0}}",
                "ingest: {checkpoints: {replication_factor: 2, min_insync_replicas: 3}}",
                "ingest: {follow: {poll_interval: 0s}}",
                "ingest: {follow: {fingerprint_bytes: 0}}",
                "ingest: {follow: {symlinks: sometimes}}",
                "ingest: {raw_join: {max_sources: 0}}",
                "ingest: {audit: {max_in_flight: 0}}",
                "ingest: {follow: {enabeld: true}}")) {
            assertThatThrownBy(() -> load(bad + "\n")).as(bad).isInstanceOf(ConfigException.class);
        }
    }
}
