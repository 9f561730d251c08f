package io.netrare.models.rare;

import io.netrare.schema.spi.BucketObservation;
import io.netrare.schema.spi.EntityKey;
import io.netrare.schema.spi.JobSpec;
import io.netrare.schema.spi.ScoredEntity;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.netrare.models.rare.Buckets.JOB;
import static io.netrare.models.rare.Buckets.bucket;
import static io.netrare.models.rare.Buckets.hostBucket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RarityModelTest {

    @Test
    void probabilityOfAFixedCountTable() {
        // counts after bucket 3: A=4, B=2, C=1, D=1 (no decay): total 8
        RarityModel m = new RarityModel(JOB, Buckets.noDecay());
        m.learn(bucket(0, "A", "B"));
        m.learn(bucket(1, "A", "B"));
        m.learn(bucket(2, "A"));
        m.learn(bucket(3, "A", "C", "D"));
        assertThat(m.probability(EntityKey.of("C"))).isEqualTo(2.0 / 8); // C and D, 1 each
        assertThat(m.probability(EntityKey.of("D"))).isEqualTo(2.0 / 8);
        assertThat(m.probability(EntityKey.of("B"))).isEqualTo(4.0 / 8); // 1 + 1 + 2
        assertThat(m.probability(EntityKey.of("A"))).isEqualTo(1.0);
        List<ScoredEntity> scores = m.score(bucket(3, "A", "C", "D"));
        assertThat(scores).extracting(ScoredEntity::probability).containsExactly(1.0, 0.25, 0.25);
        assertThat(scores).noneMatch(ScoredEntity::anomalous);
    }

    @Test
    void decayOverManyBucketsEqualsTheNaiveDefinition() {
        RareModelConfig config = RareModelConfig.defaults();
        double lambda = config.lambdaPerBucket(JOB.bucketSpan());
        RarityModel m = new RarityModel(JOB, config);
        Map<String, Double> naive = new HashMap<>();
        Random random = new Random(7);
        String[] names = {"a", "b", "c", "d"};
        for (int i = 0; i < 5000; i++) {
            java.util.List<String> present = new java.util.ArrayList<>();
            for (String n : names) {
                // d is rare, c disappears for long stretches: long gaps of empty buckets per entity
                double p = switch (n) { case "a" -> 0.9; case "b" -> 0.5; case "c" -> i % 1000 < 100 ? 0.5 : 0; default -> 0.002; };
                if (random.nextDouble() < p) {
                    present.add(n);
                }
            }
            // the naive model: +1 for present, then every count decays by one bucket, empty buckets included
            for (String n : present) {
                naive.merge(n, 1.0, Double::sum);
            }
            naive.replaceAll((k, v) -> v * Math.exp(-lambda));
            // empty buckets are never learned: the model decays over them lazily
            if (!present.isEmpty()) {
                m.learn(bucket(i, present.toArray(String[]::new)));
            }
        }
        // bring the model to the last bucket with an empty bucket learn
        m.learn(bucket(5000));
        naive.replaceAll((k, v) -> v * Math.exp(-lambda));
        for (String n : names) {
            if (naive.containsKey(n)) {
                assertThat(m.decayedCount(EntityKey.of(n))).isCloseTo(naive.get(n), within(naive.get(n) * 1e-12));
            }
        }
        assertThat(m.bucketsInModel()).isEqualTo(m.lastLearnedBucket() / Buckets.SPAN - m.firstLearned / Buckets.SPAN + 1);
    }

    @Test
    void theBucketIsLearnedBeforeItIsScored() {
        RarityModel m = new RarityModel(JOB, Buckets.noDecay());
        m.learn(bucket(0, "A"));
        assertThatThrownBy(() -> m.score(bucket(1, "A", "X"))).isInstanceOf(IllegalArgumentException.class);
        m.learn(bucket(1, "A", "X"));
        // X counts its own bucket: a_X = 1, a_A = 2, so P(X) = 1/3 and not 0
        assertThat(m.score(bucket(1, "A", "X"))).extracting(ScoredEntity::probability).containsExactly(1.0, 1.0 / 3);
    }

    @Test
    void aNeverSeenValueIsTheRarestAndExplained() {
        RarityModel m = new RarityModel(JOB, Buckets.noDecay());
        for (int i = 0; i < 40; i++) {
            m.learn(bucket(i, "A"));
        }
        m.learn(bucket(40, "A", "xmrig"));
        ScoredEntity x = m.score(bucket(40, "A", "xmrig")).get(1);
        assertThat(x.probability()).isEqualTo(1.0 / 42);
        assertThat(x.anomalous()).isTrue();
        assertThat(x.rawScore()).isCloseTo((42 - 20) / (1e4 - 20), within(1e-15));
        assertThat(x.explanation().firstOccurrence()).isTrue();
        assertThat(x.explanation().bucketsSeen()).isZero();
        assertThat(x.explanation().bucketsInModel()).isEqualTo(41);
        assertThat(x.explanation().decayedCount()).isEqualTo(1.0);
        assertThat(x.explanation().relativeRarity()).isEqualTo(1.0 / 42);
        assertThat(x.explanation().firstSeen()).isEqualTo(Instant.ofEpochMilli(Buckets.at(40)));
        assertThat(x.explanation().lastSeen()).isNull();
    }

    @Test
    void recordsOnlyBelowTheCutoff() {
        // A in k+1 buckets, X new in the last: P(X) = 1/(k+2)
        assertThat(newValueAfter(26).probability()).isEqualTo(1.0 / 28); // 0.0357
        assertThat(newValueAfter(26).anomalous()).isFalse();
        assertThat(newValueAfter(27).probability()).isEqualTo(1.0 / 29); // 0.0345
        assertThat(newValueAfter(27).anomalous()).isTrue();
    }

    private static ScoredEntity newValueAfter(int k) {
        RarityModel m = new RarityModel(JOB, Buckets.noDecay());
        for (int i = 0; i < k; i++) {
            m.learn(bucket(i, "A"));
        }
        m.learn(bucket(k, "A", "X"));
        return m.score(bucket(k, "A", "X")).get(1);
    }

    @Test
    void aPerHostPartitionKeepsSeparateBaselines() {
        JobSpec perHost = new JobSpec("j", JOB.bucketSpan(), "rare", "process.name", "host.name", JOB.influencers());
        RarityModel m = new RarityModel(perHost, Buckets.noDecay());
        for (int i = 0; i < 30; i++) {
            BucketObservation web = hostBucket(i, "web", "nginx", "curl");
            BucketObservation db = hostBucket(i, "db", "postgres");
            java.util.TreeMap<EntityKey, BucketObservation.EntityActivity> both = new java.util.TreeMap<>(web.entities());
            both.putAll(db.entities());
            m.learn(new BucketObservation(Buckets.at(i), both));
        }
        java.util.TreeMap<EntityKey, BucketObservation.EntityActivity> b = new java.util.TreeMap<>(hostBucket(30, "db", "postgres", "curl").entities());
        b.putAll(hostBucket(30, "web", "nginx", "curl").entities());
        BucketObservation last = new BucketObservation(Buckets.at(30), b);
        m.learn(last);
        Map<EntityKey, ScoredEntity> byKey = new HashMap<>();
        m.score(last).forEach(s -> byKey.put(s.entity(), s));
        // curl is common on web (P = 1) but new on db: a = 1 of 31 + 1 = 32
        assertThat(byKey.get(new EntityKey("web", "curl")).probability()).isEqualTo(1.0);
        assertThat(byKey.get(new EntityKey("db", "curl")).probability()).isEqualTo(1.0 / 32);
        assertThat(byKey.get(new EntityKey("db", "curl")).anomalous()).isTrue();
        // a fleet-wide job would not flag it: curl was seen in every bucket
    }

    @Test
    void snapshotRestoresAnEqualModel() {
        RarityProvider provider = new RarityProvider();
        RarityModel m = provider.create(JOB);
        for (int i = 0; i < 50; i++) {
            m.learn(bucket(i * 3, i % 7 == 0 ? new String[]{"A", "B" + i} : new String[]{"A"}));
        }
        RarityModel restored = provider.restore(JOB, m.snapshot());
        assertThat(restored.snapshot()).isEqualTo(m.snapshot());
        BucketObservation next = bucket(200, "A", "new");
        m.learn(next);
        restored.learn(next);
        assertThat(restored.score(next)).isEqualTo(m.score(next));
    }

    @Test
    void interimScoreOfANewValueIsRareBeforeTheBucketCloses() {
        RarityModel m = new RarityModel(JOB, Buckets.noDecay());
        for (int i = 0; i < 50; i++) {
            m.learn(bucket(i, "A", "B"));
        }
        ScoredEntity interim = m.scoreInterim(bucket(50, "X"), EntityKey.of("X")).orElseThrow();
        assertThat(interim.probability()).isEqualTo(1.0 / 101);
        assertThat(m.scoreInterim(bucket(50, "A"), EntityKey.of("A"))).isEmpty();
    }
}
