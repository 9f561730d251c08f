package io.netrare.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.netrare.schema.Json;
import io.netrare.schema.spi.ElasticJobs;
import io.netrare.schema.spi.JobSpec;
import io.netrare.schema.spi.ModelProvider;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobConfigTest {

    /** Shaped like Kibana's security_linux module job (no job_id: the module names it by file). */
    private static final String JOB = """
            {"description":"Security: Linux - unusual processes using the network",
             "analysis_config":{"bucket_span":"30m",
               "detectors":[{"detector_description":"rare process.name","function":"rare","by_field_name":"process.name",
                             "partition_field_name":"host.name"}],
               "influencers":["host.name","process.name","user.name","destination.ip"]},
             "analysis_limits":{"model_memory_limit":"64mb"},
             "data_description":{"time_field":"@timestamp"}}
            """;

    @Test
    void defaultsAreTheAnchors() {
        JobConfig c = JobConfig.anchorDefault();
        assertThat(c.job().jobId()).isEqualTo("v3_linux_anomalous_network_activity");
        assertThat(c.job().bucketSpan()).isEqualTo(Duration.ofMinutes(15));
        assertThat(c.job().byFieldName()).isEqualTo("process.name");
        assertThat(c.job().partitionFieldName()).isNull();
        assertThat(c.job().influencers()).containsExactly("host.name", "process.name", "user.name", "destination.ip");
        assertThat(c.rare().decayPer15m()).isEqualTo(0.00025);
        assertThat(c.rare().unusualProbability()).isEqualTo(0.035);
        assertThat(c.model().type()).isEqualTo("rare");
        // decay is per unit of time: a 30 minute bucket decays twice as much
        assertThat(c.rare().lambdaPerBucket(Duration.ofMinutes(30))).isEqualTo(0.0005);
    }

    @Test
    void readsAnElasticJob() throws Exception {
        JsonNode json = Json.mapper().readTree(JOB);
        JobConfig c = JobConfig.fromElasticJob(json, "v3_linux_anomalous_network_activity");
        JobSpec job = c.job();
        assertThat(job.jobId()).isEqualTo("v3_linux_anomalous_network_activity");
        assertThat(job.bucketSpan()).isEqualTo(Duration.ofMinutes(30));
        assertThat(job.partitionFieldName()).isEqualTo("host.name");
        assertThat(job.influencers()).hasSize(4);
        assertThat(c.rare().entityCap()).isEqualTo((int) (64L * 1024 * 1024 / JobConfig.BYTES_PER_ENTITY));
        assertThat(ElasticJobs.parseTimeValue("900s")).isEqualTo(Duration.ofMinutes(15));
        assertThatThrownBy(() -> ElasticJobs.read(Json.mapper().readTree("{\"analysis_config\":{\"detectors\":[{}]}}"), "x"))
                .hasMessageContaining("by_field_name");
    }

    @Test
    void theModelIsSelectedByConfigurationAlone() {
        for (String type : List.of("rare", "first_seen", "peer_rare")) {
            ModelProvider p = ModelModules.provider(JobConfig.anchorDefault().withModel(new ModelSelection(type)));
            assertThat(p.type()).isEqualTo(type);
            assertThat(p.create(JobSpec.anchorDefault()).type()).isEqualTo(type);
        }
        assertThat(ModelModules.forType("first_seen")).isInstanceOf(FirstSeenModelModule.class);
        assertThat(ModelModules.forType("rare")).isInstanceOf(RareModelModule.class);
        assertThatThrownBy(() -> new ModelSelection("peer")).hasMessageContaining("unknown model type");
    }
}
