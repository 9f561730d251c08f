package io.netrare.models.peer;

import static org.assertj.core.api.Assertions.assertThat;

import io.netrare.schema.spi.BucketObservation;
import io.netrare.schema.spi.ScoredEntity;
import org.junit.jupiter.api.Test;

/**
 * A binary new to a peer group that lands on several of its hosts in the same bucket is an outbreak: it is scored
 * and explained as one and never held back, while a process that spreads to a host after its peers ran it is held
 * back as peer support, with the reason on its verdict.
 */
class OutbreakTest {

    private final PeerRareProvider provider = new PeerRareProvider();

    private static PeerRareModel warmed(PeerRareModel m, long buckets) {
        for (long b = 0; b < buckets; b++) {
            m.learn(PeerFleet.background().bucket(b));
        }
        return m;
    }

    private static ScoredEntity score(PeerRareModel m, BucketObservation b, String process) {
        m.learn(b);
        return m.score(b).stream().filter(s -> s.entity().byValue().equals(process)).findFirst().orElseThrow();
    }

    @Test
    void aNewBinaryOnEveryHostOfAGroupAtOnceIsAnOutbreakForEachOfItsBuckets() {
        PeerRareModel m = warmed(provider.create(PeerFleet.JOB), 300);
        for (long b = 300; b < 303; b++) {
            ScoredEntity s = score(m, PeerFleet.background().run("kdevtmpfsi", "w1", "w2", "w3", "w4").bucket(b),
                    "kdevtmpfsi");
            assertThat(s.anomalous()).as("bucket %d of the outbreak", b - 300).isTrue();
            assertThat(s.explanation().outbreakHosts()).isEqualTo(4);
            assertThat(s.explanation().peersSeen()).isZero();
            assertThat(s.explanation().suppressedBy()).isNull();
            assertThat(s.explanation().reason()).contains("outbreak: 4 hosts of").contains("in the same bucket");
        }
    }

    @Test
    void withoutTheRuleThePeersOfTheSameBucketWouldHaveExcusedIt() {
        // the same hosts, but the binary reached w1..w3 a day earlier: now w4 is supported by peers that ran it before
        PeerRareModel m = warmed(provider.create(PeerFleet.JOB), 300);
        for (long b = 300; b < 300 + PeerFleet.DAY; b++) {
            m.learn(PeerFleet.background().run("kdevtmpfsi", "w1", "w2", "w3").bucket(b));
        }
        ScoredEntity s = score(m, PeerFleet.background().run("kdevtmpfsi", "w1", "w2", "w3", "w4")
                .bucket(300 + PeerFleet.DAY), "kdevtmpfsi");
        assertThat(s.anomalous()).isFalse();
        assertThat(s.explanation().suppressedBy()).isIn(PeerScorer.PEER_SUPPORT, PeerScorer.COMMON_IN_GROUP);
        assertThat(s.explanation().suppressedProbability()).isLessThan(0.035);
        assertThat(s.explanation().outbreakHosts()).isNull();
    }

    @Test
    void aBinaryOnOneHostIsRareButNoOutbreak() {
        PeerRareModel m = warmed(provider.create(PeerFleet.JOB), 300);
        ScoredEntity s = score(m, PeerFleet.background().run("kdevtmpfsi", "w2").bucket(300), "kdevtmpfsi");
        assertThat(s.anomalous()).isTrue();
        assertThat(s.explanation().outbreakHosts()).isNull();
    }
}
