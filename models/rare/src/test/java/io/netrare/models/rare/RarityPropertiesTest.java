package io.netrare.models.rare;

import io.netrare.schema.spi.AnomalyModel;
import io.netrare.schema.spi.BucketObservation;
import io.netrare.schema.spi.EntityKey;
import io.netrare.schema.spi.ScoredEntity;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.statistics.Statistics;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

import static io.netrare.models.rare.Buckets.JOB;
import static org.assertj.core.api.Assertions.assertThat;

class RarityPropertiesTest {

    private static final String[] NAMES = {"sshd", "curl", "wget", "nc", "python3", "apt", "dhclient", "xmrig"};
    /** Partition values (e.g. hosts): entity i is NAMES[i % 8] on PARTITIONS[i / 8]. */
    private static final String[] PARTITIONS = {"web-01", "db-01", "ci-01"};

    private static EntityKey key(int i) {
        return new EntityKey(PARTITIONS[i / NAMES.length], NAMES[i % NAMES.length]);
    }

    /** A history: per bucket (gaps allowed), the set of (partition, name) entities present. */
    @Provide
    Arbitrary<List<List<Integer>>> histories() {
        Arbitrary<List<Integer>> bucket = Arbitraries.integers().between(0, NAMES.length * PARTITIONS.length - 1)
                .list().ofMaxSize(8);
        return bucket.list().ofMinSize(1).ofMaxSize(60);
    }

    private static List<BucketObservation> observations(List<List<Integer>> history, int gapEvery) {
        List<BucketObservation> out = new ArrayList<>();
        int index = 0;
        for (List<Integer> present : history) {
            TreeMap<EntityKey, BucketObservation.EntityActivity> m = new TreeMap<>();
            for (int i : present) {
                m.put(key(i), new BucketObservation.EntityActivity(1, Set.of(key(i).partitionValue())));
            }
            out.add(new BucketObservation(Buckets.at(index), m));
            index += 1 + (gapEvery > 0 && index % gapEvery == 0 ? 3 : 0);
        }
        return out;
    }

    @Property(tries = 200)
    void probabilitiesAreInZeroOneAndOrderedByCount(@ForAll("histories") List<List<Integer>> history) {
        RarityModel m = new RarityModel(JOB, RareModelConfig.defaults());
        Set<String> partitions = new java.util.TreeSet<>();
        for (BucketObservation b : observations(history, 4)) {
            m.learn(b);
            List<ScoredEntity> scores = m.score(b);
            for (ScoredEntity s : scores) {
                assertThat(s.probability()).isGreaterThan(0).isLessThanOrEqualTo(1);
                assertThat(s.rawScore()).isBetween(0.0, 100.0);
                partitions.add(s.entity().partitionValue());
            }
            for (ScoredEntity x : scores) {
                for (ScoredEntity y : scores) {
                    // P orders by decayed count within a partition; partitions are separate models
                    if (x.entity().partitionValue().equals(y.entity().partitionValue())
                            && m.decayedCount(x.entity()) <= m.decayedCount(y.entity())) {
                        assertThat(x.probability()).isLessThanOrEqualTo(y.probability());
                    }
                }
            }
        }
        Statistics.label("partitions").collect(partitions.size());
        Statistics.label("partitions").coverage(c -> c.checkQuery(n -> (Integer) n.get(0) >= 2)
                .percentage(pct -> pct > 50));
    }

    @Property(tries = 100)
    void aPartitionScoresAsItsOwnModel(@ForAll("histories") List<List<Integer>> history) {
        // the same history with every partition but one removed scores that partition's entities the same
        RarityModel all = new RarityModel(JOB, RareModelConfig.defaults());
        RarityModel alone = new RarityModel(JOB, RareModelConfig.defaults());
        for (BucketObservation b : observations(history, 4)) {
            TreeMap<EntityKey, BucketObservation.EntityActivity> first = new TreeMap<>();
            b.entities().forEach((k, v) -> {
                if (PARTITIONS[0].equals(k.partitionValue())) {
                    first.put(k, v);
                }
            });
            all.learn(b);
            List<ScoredEntity> scores = all.score(b);
            if (first.isEmpty()) {
                continue;
            }
            BucketObservation own = new BucketObservation(b.bucketStart(), first);
            alone.learn(own);
            List<ScoredEntity> expected = alone.score(own);
            assertThat(scores.stream().filter(s -> PARTITIONS[0].equals(s.entity().partitionValue()))
                    .map(ScoredEntity::probability).toList())
                    .containsExactlyElementsOf(expected.stream().map(ScoredEntity::probability).toList());
        }
    }

    @Property(tries = 100)
    void mergingPartialModelsEqualsBuildingOne(@ForAll("histories") List<List<Integer>> history) {
        RarityProvider provider = new RarityProvider();
        RarityModel whole = provider.create(JOB);
        RarityModel even = provider.create(JOB);
        RarityModel odd = provider.create(JOB);
        for (BucketObservation b : observations(history, 3)) {
            whole.learn(b);
            // each share sees the by values it owns (as if keyed by partition of the events topic)
            even.learn(share(b, 0));
            odd.learn(share(b, 1));
            AnomalyModel merged = provider.merge(JOB, List.of(even, odd));
            assertThat(merged.snapshot()).isEqualTo(whole.snapshot());
            assertThat(merged.score(merged.lastBucket())).isEqualTo(whole.score(b));
        }
    }

    private static BucketObservation share(BucketObservation b, int which) {
        TreeMap<EntityKey, BucketObservation.EntityActivity> m = new TreeMap<>();
        b.entities().forEach((k, v) -> {
            if (Math.floorMod(k.byValue().hashCode(), 2) == which) {
                m.put(k, v);
            }
        });
        return new BucketObservation(b.bucketStart(), m);
    }

    @Property(tries = 200)
    void normalizedScoresAreInRangeAndNotIncreasingInP(@ForAll("histories") List<List<Integer>> history,
                                                        @ForAll @DoubleRange(min = -60, max = 0) double log10p1,
                                                        @ForAll @DoubleRange(min = -60, max = 0) double log10p2) {
        double p1 = Math.pow(10, log10p1);
        double p2 = Math.pow(10, log10p2);
        RarityModel m = new RarityModel(JOB, RareModelConfig.defaults());
        Normalizer n = new Normalizer(NormalizerConfig.defaults(), JOB.bucketSpan());
        for (BucketObservation b : observations(history, 0)) {
            m.learn(b);
            n.observe(b.bucketStart(), m.score(b));
        }
        double lo = Math.min(p1, p2);
        double hi = Math.max(p1, p2);
        double sLo = n.normalize(entity(lo));
        double sHi = n.normalize(entity(hi));
        assertThat(sLo).isBetween(0.0, 100.0);
        assertThat(sHi).isBetween(0.0, 100.0);
        assertThat(sLo).isGreaterThanOrEqualTo(sHi);
    }

    private static ScoredEntity entity(double p) {
        return new ScoredEntity(EntityKey.of("sshd"), 0, p, RawScores.anomalyScore(p), p < 0.035, null);
    }
}
