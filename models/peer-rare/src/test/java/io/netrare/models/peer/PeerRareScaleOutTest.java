package io.netrare.models.peer;

import static org.assertj.core.api.Assertions.assertThat;

import io.netrare.schema.NetworkEvent;
import io.netrare.schema.spi.AnomalyModel;
import io.netrare.schema.spi.BucketObservation;
import io.netrare.schema.spi.EntityKey;
import io.netrare.schema.spi.JobSpec;
import io.netrare.schema.spi.ScoredEntity;
import io.netrare.simulator.FleetSimulator;
import io.netrare.simulator.FleetSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Three training shares, split by process, merged at every bucket, score exactly what one instance scores. */
class PeerRareScaleOutTest {

    private static final JobSpec JOB = JobSpec.anchorDefault();

    static List<BucketObservation> buckets(FleetSpec spec) {
        TreeMap<Long, TreeMap<EntityKey, Set<String>>> byBucket = new TreeMap<>();
        TreeMap<Long, TreeMap<EntityKey, long[]>> counts = new TreeMap<>();
        new FleetSimulator(spec).datafeedEvents().forEach(e -> {
            EntityKey key = JOB.entityKey(e);
            long b = JOB.bucketStart(e.timestamp());
            byBucket.computeIfAbsent(b, k -> new TreeMap<>()).computeIfAbsent(key, k -> new HashSet<>()).add(host(e));
            counts.computeIfAbsent(b, k -> new TreeMap<>()).computeIfAbsent(key, k -> new long[1])[0]++;
        });
        List<BucketObservation> out = new ArrayList<>();
        byBucket.forEach((b, entities) -> {
            TreeMap<EntityKey, BucketObservation.EntityActivity> m = new TreeMap<>();
            entities.forEach((k, hosts) -> m.put(k, new BucketObservation.EntityActivity(counts.get(b).get(k)[0], hosts)));
            out.add(new BucketObservation(b, m));
        });
        return out;
    }

    private static String host(NetworkEvent e) {
        return e.host().name();
    }

    @Test
    void mergedSharesScoreEveryBucketOfASimulatedFleetExactlyAsOneInstance() {
        PeerRareProvider provider = new PeerRareProvider();
        PeerRareModel single = provider.create(JOB);
        List<PeerRareModel> shares = List.of(provider.create(JOB), provider.create(JOB), provider.create(JOB));
        int anomalous = 0;
        for (BucketObservation bucket : buckets(FleetSpec.defaults().withHosts(18).withDays(3).withSeed(11))) {
            single.learn(bucket);
            for (int i = 0; i < shares.size(); i++) {
                int share = i;
                TreeMap<EntityKey, BucketObservation.EntityActivity> part = new TreeMap<>();
                for (Map.Entry<EntityKey, BucketObservation.EntityActivity> e : bucket.entities().entrySet()) {
                    if (Math.floorMod(e.getKey().byValue().hashCode(), shares.size()) == share) {
                        part.put(e.getKey(), e.getValue());
                    }
                }
                shares.get(i).learn(new BucketObservation(bucket.bucketStart(), part));
            }
            PeerRareModel merged = provider.merge(JOB, List.<AnomalyModel>copyOf(shares));
            List<ScoredEntity> expected = single.score(bucket);
            assertThat(merged.score(bucket)).isEqualTo(expected);
            assertThat(merged.peerGroups("").assignment()).isEqualTo(single.peerGroups("").assignment());
            anomalous += (int) expected.stream().filter(ScoredEntity::anomalous).count();
        }
        assertThat(anomalous).as("the fleet has rare processes to agree on").isGreaterThan(0);
        assertThat(single.peerGroups("").groups().size()).isGreaterThan(1);
    }
}
