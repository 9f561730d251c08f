package io.netrare.models.firstseen;

import io.netrare.models.rare.NormalizerConfig;
import io.netrare.schema.spi.BucketObservation;
import io.netrare.schema.spi.EntityKey;
import io.netrare.schema.spi.ScoredEntity;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

import static io.netrare.models.firstseen.Buckets.JOB;
import static io.netrare.models.firstseen.Buckets.at;
import static org.assertj.core.api.Assertions.assertThat;

class FirstSeenModelTest {

    private static BucketObservation b(int i, String process, String... hosts) {
        TreeMap<EntityKey, BucketObservation.EntityActivity> m = new TreeMap<>();
        m.put(EntityKey.of(process), new BucketObservation.EntityActivity(1, Set.of(hosts)));
        return new BucketObservation(at(i), m);
    }

    @Test
    void aProcessNewOnAHostIsAnomalousAfterWarmUp() {
        FirstSeenConfig config = new FirstSeenConfig(Duration.ofDays(1), Duration.ofHours(2), 1e-3, 1000);
        FirstSeenModel m = new FirstSeenModel(JOB, config);
        // during warm-up (8 buckets) everything is new, and nothing is flagged
        m.learn(b(0, "curl", "web"));
        assertThat(m.score(b(0, "curl", "web"))).noneMatch(ScoredEntity::anomalous);
        for (int i = 1; i < 10; i++) {
            m.learn(b(i, "curl", "web"));
        }
        // curl on a new host: anomalous, with the configured probability
        BucketObservation next = b(10, "curl", "web", "db");
        m.learn(next);
        ScoredEntity s = m.score(next).get(0);
        assertThat(s.anomalous()).isTrue();
        assertThat(s.probability()).isEqualTo(1e-3);
        assertThat(s.explanation().reason()).contains("[db]");
        // seen again within the window: no longer new
        BucketObservation again = b(11, "curl", "db");
        m.learn(again);
        assertThat(m.score(again).get(0).anomalous()).isFalse();
        // unseen for longer than the window (1 day = 96 buckets): new again
        BucketObservation late = b(11 + 97, "curl", "db");
        m.learn(late);
        assertThat(m.score(late).get(0).anomalous()).isTrue();
    }

    @Test
    void mergedSharesEqualOneModel() {
        FirstSeenProvider p = new FirstSeenProvider(FirstSeenConfig.defaults(), NormalizerConfig.defaults());
        FirstSeenModel whole = p.create(JOB);
        FirstSeenModel a = p.create(JOB);
        FirstSeenModel c = p.create(JOB);
        for (int i = 0; i < 5; i++) {
            whole.learn(both(i));
            a.learn(b(i, "curl", "web"));
            c.learn(b(i, "sshd", "db"));
        }
        assertThat(p.merge(JOB, List.of(a, c)).snapshot()).isEqualTo(whole.snapshot());
    }

    private static BucketObservation both(int i) {
        TreeMap<EntityKey, BucketObservation.EntityActivity> m = new TreeMap<>(b(i, "curl", "web").entities());
        m.putAll(b(i, "sshd", "db").entities());
        return new BucketObservation(at(i), m);
    }
}
