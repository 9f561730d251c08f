package io.netrare.model;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netrare.models.rare.RareModelConfig;
import io.netrare.models.rare.RarityModel;
import io.netrare.schema.spi.BucketObservation;
import io.netrare.schema.spi.EntityKey;
import io.netrare.schema.spi.JobSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class ModelMetricsTest {

    @Test
    void metersFollowTheModelsEntitiesEvictionsAndMemoryStatus() {
        JobSpec job = JobSpec.anchorDefault();
        RarityModel m = new RarityModel(job, RareModelConfig.defaults().withEntityCap(10));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new ModelMetrics(registry, job.jobId(), () -> List.of(m));
        long t0 = job.bucketStart(1_700_000_000_000L);
        for (int b = 0; b < 2; b++) {
            TreeMap<EntityKey, BucketObservation.EntityActivity> bucket = new TreeMap<>();
            for (int i = 0; i < 8; i++) {
                bucket.put(EntityKey.of("p" + b + "-" + i), new BucketObservation.EntityActivity(1, Set.of("h")));
            }
            // entities of the bucket just learned are never evicted: the second bucket evicts from the first
            m.learn(new BucketObservation(t0 + b * job.bucketSpanMillis(), bucket));
        }
        assertThat(m.evictions()).isPositive();
        assertThat(registry.get("netrare_model_entities").gauge().value()).isEqualTo(m.entityCount());
        assertThat(registry.get("netrare_model_evictions_total").functionCounter().count()).isEqualTo(m.evictions());
        assertThat(registry.get("netrare_model_memory_status").gauge().value()).isEqualTo(2);
    }
}
