package io.netrare.models.rare;

import io.netrare.schema.spi.AnomalyModel.MemoryStatus;
import io.netrare.schema.spi.BucketObservation;
import io.netrare.schema.spi.EntityKey;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static io.netrare.models.rare.Buckets.JOB;
import static org.assertj.core.api.Assertions.assertThat;

class FloodTest {

    @Test
    void aMillionRandomProcessNamesStayWithinTheCap() {
        int cap = 50_000;
        int perBucket = 25_000;
        RarityModel m = new RarityModel(JOB, RareModelConfig.defaults().withEntityCap(cap));
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
