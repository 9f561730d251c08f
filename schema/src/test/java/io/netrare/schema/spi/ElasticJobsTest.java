package io.netrare.schema.spi;

import com.fasterxml.jackson.databind.JsonNode;
import io.netrare.schema.Json;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ElasticJobsTest {

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
    void readsAnElasticJob() throws Exception {
        JsonNode json = Json.mapper().readTree(JOB);
        JobSpec job = ElasticJobs.read(json, "v3_linux_anomalous_network_activity");
        assertThat(job.jobId()).isEqualTo("v3_linux_anomalous_network_activity");
        assertThat(job.bucketSpan()).isEqualTo(Duration.ofMinutes(30));
        assertThat(job.partitionFieldName()).isEqualTo("host.name");
        assertThat(job.influencers()).hasSize(4);
        assertThat(ElasticJobs.modelMemoryLimit(json)).hasValue(64L * 1024 * 1024);
        assertThat(ElasticJobs.modelMemoryLimit(Json.mapper().readTree("{}"))).isEmpty();
        assertThat(ElasticJobs.modelMemoryLimit(Json.mapper().readTree("{\"analysis_limits\":{\"model_memory_limit\":16}}")))
                .hasValue(16L * 1024 * 1024);
        assertThatThrownBy(() -> ElasticJobs.read(Json.mapper().readTree("{\"analysis_config\":{\"detectors\":[{}]}}"), "x"))
                .hasMessageContaining("by_field_name");
    }

    @Test
    void theAnchorsJobIsTheDefault() {
        JobSpec job = JobSpec.anchorDefault();
        assertThat(job.jobId()).isEqualTo("v3_linux_anomalous_network_activity");
        assertThat(job.bucketSpan()).isEqualTo(Duration.ofMinutes(15));
        assertThat(job.byFieldName()).isEqualTo("process.name");
        assertThat(job.partitionFieldName()).isNull();
        assertThat(job.influencers()).containsExactly("host.name", "process.name", "user.name", "destination.ip");
        assertThat(ElasticJobs.parseTimeValue("900s")).isEqualTo(Duration.ofMinutes(15));
    }
}
