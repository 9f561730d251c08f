package io.netrare.model;

import io.netrare.model.service.TrainingConfig;
import io.netrare.runtime.config.ConfigException;
import io.netrare.runtime.config.ConfigLoader;
import io.netrare.runtime.job.JobSettings;
import io.netrare.schema.spi.SnapshotCheck;
import io.netrare.schema.spi.JobSpec;
import io.netrare.schema.spi.ModelPlugin;
import io.netrare.schema.spi.ModelProvider;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The training service finds the models on its classpath, by type, each with its own settings. */
class ModelPluginsTest {

    private static final JobSpec JOB = JobSpec.anchorDefault();

    @Test
    void theShippedModelsAreFoundOnTheClasspath() {
        assertThat(ModelPlugin.available()).extracting(ModelPlugin::type).contains("rare", "first_seen", "peer_rare");
    }

    @Test
    void theModelIsSelectedByConfigurationAlone() {
        for (String type : List.of("rare", "first_seen", "peer_rare")) {
            ModelProvider p = JobSettings.defaults().withModelType(type).modelProvider();
            assertThat(p.type()).isEqualTo(type);
            assertThat(p.formatVersion()).isPositive();
            assertThat(p.create(JOB).type()).isEqualTo(type);
        }
        assertThatThrownBy(() -> JobSettings.defaults().withModelType("peer"))
                .hasMessageContaining("no model implementation of type 'peer'")
                .hasMessageContaining("found: ")
                .hasMessageContaining("peer_rare");
    }

    @Test
    void everyModelTakesItsDefaultSettingsAndNothingElse() {
        assertThat(ModelPlugin.available()).isNotEmpty();
        for (ModelPlugin plugin : ModelPlugin.available()) {
            assertThat(plugin.provider(JOB, plugin.defaultSettings()).type()).isEqualTo(plugin.type());
            assertThatThrownBy(() -> plugin.provider(JOB, Map.of("no_such_setting", "1")))
                    .hasMessageContaining("'no_such_setting' is not a setting of model " + plugin.type());
        }
    }

    @Test
    void aSettingOfAnotherModelIsAnErrorNotIgnored() {
        JobSettings firstSeen = JobSettings.defaults().withModelType("first_seen");
        assertThatThrownBy(() -> firstSeen.withModelSettings(Map.of("decay", "0.001", "unusual_probability", "0.01")))
                .hasMessageContaining("'decay' is not a setting of model first_seen")
                .hasMessageContaining("'unusual_probability' is not a setting of model first_seen")
                .hasMessageContaining("its settings: entity_cap, history_window, probability, warmup");
        JobSettings rare = JobSettings.defaults();
        assertThatThrownBy(() -> rare.withModelSettings(Map.of("history_window", "7d")))
                .hasMessageContaining("'history_window' is not a setting of model rare");
        assertThat(rare.withModelSettings(Map.of("entity_cap", "5000")).modelSettings()).containsEntry("entity_cap", "5000");
    }

    @Test
    void peerRareSettingsCanBeSetInADeployment() {
        JobSettings peer = JobSettings.defaults().withModelType("peer_rare").withModelSettings(Map.of(
                "host_group_pattern", "^([a-z]+)-\\d+$", "cadence_periods", "1h,1d", "regroup_every_buckets", "8"));
        assertThat(peer.modelProvider().type()).isEqualTo("peer_rare");
        assertThatThrownBy(() -> peer.withModelSettings(Map.of("host_group_pattern", "^[a-z]+$")))
                .hasMessageContaining("capturing group");
    }

    @Test
    void aDeploymentSetsPeerRaresSettingsInTheServiceConfigAndTheEnvironment() {
        String yaml = """
                job:
                  model_type: peer_rare
                  model_settings:
                    host_group_pattern: '^([a-z]+)-\\d+$'
                    cadence_periods: 1h,1d
                  on_snapshot_mismatch: fresh
                """;
        TrainingConfig config = new ConfigLoader(Map.of("NETRARE_JOB__MODEL_SETTINGS__REGROUP_EVERY_BUCKETS", "8"))
                .load(yaml, "model.yaml", TrainingConfig.class);
        assertThat(config.job().modelSettings()).containsEntry("host_group_pattern", "^([a-z]+)-\\d+$")
                .containsEntry("cadence_periods", "1h,1d").containsEntry("regroup.every.buckets", "8");
        assertThat(config.job().modelProvider().type()).isEqualTo("peer_rare");
        assertThat(config.job().onSnapshotMismatch()).isEqualTo(SnapshotCheck.OnMismatch.fresh);
        assertThat(TrainingConfig.defaults().job().onSnapshotMismatch()).isEqualTo(SnapshotCheck.OnMismatch.fail);
    }

    @Test
    void aSettingTheModelDoesNotReadFailsTheConfigBeforeTheServiceStarts() {
        String yaml = """
                job:
                  model_type: first_seen
                  model_settings: {decay: 0.001, warmup: 12h}
                """;
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(yaml, "model.yaml", TrainingConfig.class))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'decay' is not a setting of model first_seen");
    }
}
