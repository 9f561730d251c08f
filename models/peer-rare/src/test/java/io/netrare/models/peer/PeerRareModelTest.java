package io.netrare.models.peer;

import static org.assertj.core.api.Assertions.assertThat;

import io.netrare.schema.spi.AnomalyModel;
import io.netrare.schema.spi.BucketObservation;
import io.netrare.schema.spi.EntityKey;
import io.netrare.schema.spi.ScoredEntity;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeerRareModelTest {

    private final PeerRareProvider provider = new PeerRareProvider();

    private static ScoredEntity scoreOf(PeerRareModel m, BucketObservation b, String process) {
        m.learn(b);
        return m.score(b).stream().filter(s -> s.entity().byValue().equals(process)).findFirst().orElseThrow();
    }

    @Test
    void hostsWithTheSameMixGroupTogetherAndALoneHostIsItsOwnGroup() {
        PeerRareModel m = provider.create(PeerFleet.JOB);
        for (long b = 0; b < 60; b++) {
            m.learn(PeerFleet.background().bucket(b));
        }
        PeerGroups groups = m.peerGroups("");
        assertThat(groups.groupOf("w2")).isEqualTo(groups.groupOf("w1"));
        assertThat(groups.members(groups.groupOf("w1"))).containsExactly("w1", "w2", "w3", "w4");
        assertThat(groups.members(groups.groupOf("d1"))).containsExactly("d1", "d2", "d3");
        assertThat(groups.groupOf("d1")).isNotEqualTo(groups.groupOf("w1"));
        assertThat(groups.members(groups.groupOf("x1"))).containsExactly("x1");
    }

    @Test
    void aConfiguredHostPatternNamesTheGroups() {
        PeerRareModel m = new PeerRareProvider(PeerRareConfig.defaults().withHostGroupPattern("([a-z]+)\\d+"),
                io.netrare.models.rare.NormalizerConfig.defaults()).create(PeerFleet.JOB);
        for (long b = 0; b < 30; b++) {
            m.learn(PeerFleet.background().bucket(b));
        }
        assertThat(m.peerGroups("").groupOf("d2")).isEqualTo("role:d");
        assertThat(m.peerGroups("").members("role:w")).hasSize(4);
    }

    @Test
    void aProcessCommonOnOtherPeersButNewOnThisRoleIsRare() {
        PeerRareModel m = provider.create(PeerFleet.JOB);
        for (long b = 0; b < 200; b++) {
            m.learn(PeerFleet.background().bucket(b));
        }
        // node runs on every web host; on a db host it is new to the host and to its peers
        ScoredEntity s = scoreOf(m, PeerFleet.background().run("node", "d2").bucket(200), "node");
        assertThat(s.anomalous()).isTrue();
        assertThat(s.explanation().peerGroupSize()).isEqualTo(3);
        assertThat(s.explanation().peersSeen()).isZero();
        assertThat(s.explanation().reason()).contains("d2");
    }

    @Test
    void aDailyJobStopsScoringOnceItsCadenceIsEstablishedButStillScoresOffCadence() {
        PeerRareModel m = provider.create(PeerFleet.JOB);
        ScoredEntity day1 = null;
        ScoredEntity day4 = null;
        ScoredEntity day5 = null;
        ScoredEntity offTime = null;
        for (long b = 0; b < 6 * PeerFleet.DAY; b++) {
            PeerFleet f = PeerFleet.background();
            long day = b / PeerFleet.DAY;
            long inDay = b % PeerFleet.DAY;
            boolean backup = inDay == 8 && day != 3; // 02:00 daily, the run of day 3 is missed
            boolean off = day == 5 && inDay == 50;
            if (backup || off) {
                f.run("pg_dump", "d1");
            }
            BucketObservation bucket = f.bucket(b);
            m.learn(bucket);
            if (backup || off) {
                ScoredEntity s = m.score(bucket).stream().filter(e -> e.entity().byValue().equals("pg_dump")).findFirst().orElseThrow();
                if (day == 1 && backup) {
                    day1 = s;
                } else if (day == 4) {
                    day4 = s;
                } else if (day == 5 && backup) {
                    day5 = s;
                } else if (off) {
                    offTime = s;
                }
            }
        }
        assertThat(day1.anomalous()).as("before the cadence is established").isTrue();
        assertThat(day4.anomalous()).as("after a missed run, still due").isFalse();
        assertThat(day4.explanation().cadence()).startsWith("daily at 02:00");
        assertThat(day5.anomalous()).isFalse();
        assertThat(offTime.anomalous()).as("the same process off its cadence").isTrue();
        assertThat(offTime.explanation().cadence()).isNull();
    }

    @Test
    void cadenceDetectsPeriodsWithinTheirJitterAndToleratesMissedRuns() {
        Cadence c = Cadence.of(PeerRareConfig.defaults(), PeerFleet.SPAN);
        long s = PeerFleet.SPAN;
        long[] sixHourly = {0, 24 * s, 49 * s, 72 * s};
        assertThat(c.detect(sixHourly, 4).periodMillis()).isEqualTo(6 * 3600_000L);
        long[] irregular = {0, 20 * s, 49 * s, 90 * s};
        assertThat(c.detect(irregular, 4)).isNull();
        Cadence.Detected daily = c.detect(new long[]{0, 96 * s, 192 * s}, 3);
        assertThat(c.due(daily, 384 * s)).as("one missed run").isTrue();
        assertThat(c.due(daily, 290 * s)).as("30 minutes late: within a daily timer's randomized delay").isTrue();
        assertThat(c.due(daily, 300 * s)).as("3 hours late").isFalse();
        assertThat(c.tolerance(3_600_000L)).as("an hourly job keeps the bucket tolerance").isEqualTo(s);
        assertThat(c.tolerance(86_400_000L)).as("5 % of a day").isEqualTo(72 * 60_000L);
    }

    @Test
    void mergedSharesEqualOneInstance() {
        PeerRareModel single = provider.create(PeerFleet.JOB);
        List<PeerRareModel> shares = List.of(provider.create(PeerFleet.JOB), provider.create(PeerFleet.JOB));
        for (long b = 0; b < 3 * PeerFleet.DAY; b++) {
            PeerFleet f = PeerFleet.background();
            if (b % PeerFleet.DAY == 8) {
                f.run("pg_dump", "d1", "d2");
            }
            if (b % 37 == 0) {
                f.run("apt-get", "w" + (1 + b % 4), "d" + (1 + b % 3));
            }
            if (b == 250) {
                f.run("xmrig", "w3");
            }
            BucketObservation bucket = f.bucket(b);
            single.learn(bucket);
            for (int i = 0; i < shares.size(); i++) {
                int share = i;
                java.util.TreeMap<EntityKey, BucketObservation.EntityActivity> part = new java.util.TreeMap<>();
                bucket.entities().forEach((k, a) -> {
                    if (Math.floorMod(k.byValue().hashCode(), shares.size()) == share) {
                        part.put(k, a);
                    }
                });
                shares.get(i).learn(new BucketObservation(bucket.bucketStart(), part));
            }
            if (b % 50 == 0 || b == 250) {
                PeerRareModel merged = provider.merge(PeerFleet.JOB, List.copyOf(shares));
                assertThat(merged.score(bucket)).isEqualTo(single.score(bucket));
                assertThat(merged.snapshot()).isEqualTo(single.snapshot());
            }
        }
    }

    @Test
    void snapshotRestoresAnEqualModel() {
        PeerRareModel m = provider.create(PeerFleet.JOB);
        for (long b = 0; b < 150; b++) {
            PeerFleet f = PeerFleet.background();
            if (b % 40 == 3) {
                f.run("rsync", "w2");
            }
            m.learn(f.bucket(b));
        }
        PeerRareModel restored = provider.restore(PeerFleet.JOB, m.snapshot());
        assertThat(restored.snapshot()).isEqualTo(m.snapshot());
        BucketObservation next = PeerFleet.background().run("curl", "d3").bucket(150);
        m.learn(next);
        restored.learn(next);
        assertThat(restored.score(next)).isEqualTo(m.score(next));
        assertThat(restored.score(next).stream().filter(ScoredEntity::anomalous).map(s -> s.entity().byValue()))
                .containsExactly("curl");
    }

    @Test
    void theCapBoundsPairsWithEvictionsAndAMemoryStatus() {
        PeerRareModel m = new PeerRareProvider(PeerRareConfig.defaults().withEntityCap(100),
                io.netrare.models.rare.NormalizerConfig.defaults()).create(PeerFleet.JOB);
        for (long b = 0; b < 200; b++) {
            m.learn(PeerFleet.background().run("rand-" + b, "w1", "d1").bucket(b));
        }
        assertThat(m.entityCount()).isLessThanOrEqualTo(100);
        assertThat(m.evictions()).isGreaterThan(0);
        assertThat(m.memoryStatus()).isEqualTo(AnomalyModel.MemoryStatus.hard_limit);
    }

    @Test
    void anInterimVerdictFlagsAProcessNewToTheHostAndItsPeersOnly() {
        PeerRareModel m = provider.create(PeerFleet.JOB);
        for (long b = 0; b < 100; b++) {
            m.learn(PeerFleet.background().bucket(b));
        }
        BucketObservation open = PeerFleet.background().run("nc", "d1").bucket(100);
        assertThat(m.scoreInterim(open, EntityKey.of("nc"))).hasValueSatisfying(s -> {
            assertThat(s.anomalous()).isTrue();
            assertThat(s.explanation().peerGroup()).isEqualTo(m.peerGroups("").groupOf("d1"));
        });
        assertThat(m.scoreInterim(open, EntityKey.of("sshd"))).isEmpty();
    }
}
