package io.netrare.models.peer;

import static io.netrare.models.peer.PeerFleet.DAY;
import static io.netrare.models.peer.PeerFleet.JOB;
import static org.assertj.core.api.Assertions.assertThat;

import io.netrare.models.rare.NormalizerConfig;
import io.netrare.schema.spi.AnomalyModel;
import io.netrare.schema.spi.BucketObservation;
import io.netrare.schema.spi.EntityKey;
import io.netrare.schema.spi.ScoredEntity;
import io.netrare.simulator.FleetSpec;
import io.netrare.simulator.Scenario;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Pairs silent for {@code prune_silent_after} leave the model, alike in one instance, merged shares and a restore. */
class PeerRarePruningTest {

    private static PeerRareProvider provider(String pruneAfter) {
        return new PeerRareProvider(PeerRareConfig.read(Map.of("prune_silent_after", pruneAfter)), NormalizerConfig.defaults());
    }

    @Test
    void aHostSilentForThePruneTimeLeavesTheModelWithItsProcesses() {
        PeerRareModel m = provider("1d").create(JOB);
        PeerFleet fleet = PeerFleet.background();
        for (long i = 0; i < DAY; i++) {
            m.learn(fleet.bucket(i));
        }
        int withX1 = m.entityCount();
        // x1 (sshd, chronyd and its own redis-server) stops sending events
        PeerFleet without = new PeerFleet().run("nginx", "w1", "w2", "w3", "w4").run("node", "w1", "w2", "w3", "w4")
                .run("postgres", "d1", "d2", "d3").run("sshd", "w1", "w2", "w3", "w4", "d1", "d2", "d3")
                .run("chronyd", "w1", "w2", "w3", "w4", "d1", "d2", "d3");
        long i = DAY;
        for (; i < 2 * DAY; i++) {
            m.learn(without.bucket(i));
        }
        assertThat(m.partition("").get("redis-server")).as("silent for less than a day: kept").isNotNull();
        assertThat(m.entityCount()).isEqualTo(withX1);
        // the cutoff moves at regrouping boundaries (6 h): a day and up to 6 h after x1's last bucket, it is gone
        for (; i < 2 * DAY + DAY / 4 + 1; i++) {
            m.learn(without.bucket(i));
        }
        assertThat(m.partition("").get("redis-server")).isNull();
        assertThat(m.partition("").get("sshd").hosts).doesNotContainKey("x1");
        assertThat(m.entityCount()).isEqualTo(withX1 - 3);
        assertThat(m.peerGroups("").assignment()).doesNotContainKey("x1").containsKey("w1");
        assertThat(m.evictions()).as("pruning is not eviction at the cap").isZero();
    }

    @Test
    void sharesPruneAsOneInstanceAndARestoreScoresTheSame() {
        PeerRareProvider provider = provider("12h");
        PeerRareModel single = provider.create(JOB);
        List<PeerRareModel> shares = List.of(provider.create(JOB), provider.create(JOB), provider.create(JOB));
        int pruned = 0;
        int before = 0;
        for (BucketObservation bucket : PeerRareScaleOutTest.buckets(FleetSpec.defaults().withHosts(18).withDays(4)
                .withSeed(11).withScenario(Scenario.HARD))) {
            single.learn(bucket);
            for (int i = 0; i < shares.size(); i++) {
                TreeMap<EntityKey, BucketObservation.EntityActivity> part = new TreeMap<>();
                for (var e : bucket.entities().entrySet()) {
                    if (Math.floorMod(e.getKey().byValue().hashCode(), shares.size()) == i) {
                        part.put(e.getKey(), e.getValue());
                    }
                }
                shares.get(i).learn(new BucketObservation(bucket.bucketStart(), part));
            }
            pruned = Math.max(pruned, before - single.entityCount());
            before = single.entityCount();
            PeerRareModel merged = provider.merge(JOB, List.<AnomalyModel>copyOf(shares));
            List<ScoredEntity> expected = single.score(bucket);
            assertThat(merged.score(bucket)).isEqualTo(expected);
            assertThat(merged.entityCount()).isEqualTo(single.entityCount());
            PeerRareModel restored = provider.restore(JOB, single.snapshot());
            assertThat(restored.score(bucket)).isEqualTo(expected);
        }
        assertThat(pruned).as("pairs of the hosts that left (and idle pairs) were pruned").isPositive();
    }
}
