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

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

import static io.netrare.models.rare.Buckets.JOB;
import static org.assertj.core.api.Assertions.assertThat;

class RarityPropertiesTest {

    private static final String[] NAMES = {"sshd", "curl", "wget", "nc", "python3", "apt", "dhclient", "xmrig"};

    /** A history: per bucket (gaps allowed), the set of names present. */
    @Provide
    Arbitrary<List<List<Integer>>> histories() {
        Arbitrary<List<Integer>> bucket = Arbitraries.integers().between(0, NAMES.length - 1).list().ofMaxSize(5);
        return bucket.list().ofMinSize(1).ofMaxSize(60);
    }

    private static List<BucketObservation> observations(List<List<Integer>> history, int gapEvery) {
        List<BucketObservation> out = new ArrayList<>();
        int index = 0;
        for (List<Integer> present : history) {
            TreeMap<EntityKey, BucketObservation.EntityActivity> m = new TreeMap<>();
            for (int i : present) {
                m.put(new EntityKey(i % 2 == 0 ? "" : "", NAMES[i]), new BucketObservation.EntityActivity(1, Set.of("h")));
            }
            out.add(new BucketObservation(Buckets.at(index), m));
            index += 1 + (gapEvery > 0 && index % gapEvery == 0 ? 3 : 0);
        }
        return out;
    }

    @Property(tries = 200)
    void probabilitiesAreInZeroOneAndOrderedByCount(@ForAll("histories") List<List<Integer>> history) {
        RarityModel m = new RarityModel(JOB, RareModelConfig.defaults());
        for (BucketObservation b : observations(history, 4)) {
            m.learn(b);
            List<ScoredEntity> scores = m.score(b);
            for (ScoredEntity s : scores) {
                assertThat(s.probability()).isGreaterThan(0).isLessThanOrEqualTo(1);
                assertThat(s.rawScore()).isBetween(0.0, 100.0);
            }
            for (ScoredEntity x : scores) {
                for (ScoredEntity y : scores) {
                    if (m.decayedCount(x.entity()) <= m.decayedCount(y.entity())) {
                        assertThat(x.probability()).isLessThanOrEqualTo(y.probability());
                    }
                }
            }
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
        Normalizer n = new Normalizer(NormalizerConfig.defaults());
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
