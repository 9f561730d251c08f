package io.netrare.models.rare;

import io.netrare.schema.spi.BucketObservation;
import io.netrare.schema.spi.EntityKey;
import io.netrare.schema.spi.ScoredEntity;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.netrare.models.rare.Buckets.JOB;
import static io.netrare.models.rare.Buckets.bucket;
import static org.assertj.core.api.Assertions.assertThat;

/** At the cap: entities idle past max_idle go first, then the least recently seen; a returning one is explained so. */
class EvictionTest {

    private static final RareModelConfig CAP_5 = new RareModelConfig(0.00025, 5, 0.9, 0.035, Duration.ofHours(1));

    private static boolean holds(RarityModel m, String by) {
        return m.decayedCount(EntityKey.of(by)) > 0;
    }

    @Test
    void idleEntitiesGoFirstThenTheLeastRecentlySeenNotTheLeastSeen() {
        RarityModel m = new RarityModel(JOB, CAP_5);
        m.learn(bucket(0, "old"));                  // seen once, long ago: idle past an hour
        for (int b = 1; b <= 19; b++) {
            m.learn(bucket(b, "busy", "steady"));  // steady: seen 19 times, last at bucket 19
        }
        m.learn(bucket(20, "busy"));
        m.learn(bucket(21, "busy", "rare-but-recent", "x1"));
        assertThat(m.entityCount()).isEqualTo(5);
        // a sixth entity: over the cap, evict down to 4. "old" is idle and goes whatever its count; then the least
        // recently seen, "steady", though it was seen far more often than "rare-but-recent"
        m.learn(bucket(22, "busy", "x2"));
        assertThat(holds(m, "old")).as("idle: evicted first").isFalse();
        assertThat(holds(m, "steady")).as("least recently seen: evicted next").isFalse();
        assertThat(holds(m, "rare-but-recent")).as("seen once but recently: kept").isTrue();
        assertThat(m.evictions()).isEqualTo(2);
        assertThat(m.entityCount()).isEqualTo(4);
    }

    @Test
    void anEntityBackAfterEvictionIsExplainedAsReturningNotAsAFirstOccurrence() {
        RarityModel m = new RarityModel(JOB, CAP_5);
        m.learn(bucket(0, "old"));
        for (int b = 1; b <= 20; b++) {
            m.learn(bucket(b, "a", "b", "c", "d"));
        }
        m.learn(bucket(21, "a", "b", "c", "d", "e")); // "old" is idle and goes
        assertThat(holds(m, "old")).isFalse();
        BucketObservation back = bucket(22, "a", "b", "c", "d", "old");
        m.learn(back);
        ScoredEntity s = m.score(back).stream().filter(x -> x.entity().byValue().equals("old")).findFirst().orElseThrow();
        assertThat(s.anomalous()).isTrue();
        assertThat(s.explanation().returning()).isTrue();
        assertThat(s.explanation().firstOccurrence()).as("unknown, not true").isNull();
        assertThat(s.explanation().reason()).contains("came back after being evicted at the entity cap");
        // and the memory of evictions survives a snapshot
        RarityModel restored = new RarityProvider(CAP_5, NormalizerConfig.defaults()).restore(JOB, m.snapshot());
        assertThat(restored.snapshot()).isEqualTo(m.snapshot());
    }
}
