package io.netrare.model;

import io.netrare.schema.spi.AnomalyModel.MemoryStatus;
import io.netrare.schema.spi.BucketObservation;
import io.netrare.schema.spi.EntityKey;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static io.netrare.model.Buckets.JOB;
import static org.assertj.core.api.Assertions.assertThat;

class FloodTest {

    @Test
    void aMillionRandomProcessNamesStayWithinTheCap() {
        int cap = 50_000;
        int perBucket = 25_000;
        RarityModel m = new RarityModel(JOB, RareModelConfig.defaults().withEntityCap(cap));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new ModelMetrics(registry, JOB.jobId(), () -> java.util.List.of(m));
        Random random = new Random(42);
        BucketObservation.EntityActivity one = new BucketObservation.EntityActivity(1, Set.of("h"));
        int maxSeen = 0;
        for (int b = 0; b < 1_000_000 / perBucket; b++) {
            TreeMap<EntityKey, BucketObservation.EntityActivity> bucket = new TreeMap<>();
            bucket.put(EntityKey.of("sshd"), one);
            while (bucket.size() < perBucket) {
                bucket.put(EntityKey.of(Long.toString(random.nextLong() & Long.MAX_VALUE, 36)), one);
            }
            BucketObservation obs = new BucketObservation(Buckets.at(b), bucket);
            m.learn(obs);
            assertThat(m.score(obs)).hasSize(perBucket);
            maxSeen = Math.max(maxSeen, m.entityCount());
        }
        assertThat(maxSeen).isLessThanOrEqualTo(cap);
        assertThat(m.evictions()).isGreaterThanOrEqualTo(1_000_000 - 100 - cap);
        assertThat(m.memoryStatus()).isEqualTo(MemoryStatus.hard_limit);
        // sshd, seen in every bucket, is the most seen and never evicted
        assertThat(m.decayedCount(EntityKey.of("sshd"))).isGreaterThan(35);
        assertThat(registry.get("netrare_model_entities").gauge().value()).isEqualTo(m.entityCount());
        assertThat(registry.get("netrare_model_evictions_total").functionCounter().count()).isEqualTo(m.evictions());
        assertThat(registry.get("netrare_model_memory_status").gauge().value()).isEqualTo(2);
    }

    @Test
    void memoryStatusTurnsSoftAtNinetyPercent() {
        RarityModel m = new RarityModel(JOB, RareModelConfig.defaults().withEntityCap(100));
        String[] names = new String[89];
        for (int i = 0; i < names.length; i++) {
            names[i] = "p" + i;
        }
        m.learn(Buckets.bucket(0, names));
        assertThat(m.memoryStatus()).isEqualTo(MemoryStatus.ok);
        m.learn(Buckets.bucket(1, "q1"));
        assertThat(m.memoryStatus()).isEqualTo(MemoryStatus.soft_limit);
        assertThat(m.evictions()).isZero();
    }
}
