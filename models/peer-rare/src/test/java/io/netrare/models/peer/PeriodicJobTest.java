package io.netrare.models.peer;

import static org.assertj.core.api.Assertions.assertThat;

import io.netrare.schema.spi.BucketObservation;
import io.netrare.schema.spi.ScoredEntity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/**
 * Periodic system jobs are not attacks: an upgrade timer with a randomized delay that another host runs on the same
 * schedule, a nightly job a joining host takes over from the hosts that ran it before, an occasional tool most hosts
 * of a group run. What is new stays rare: the same job off its schedule, and a binary nobody ran before on a host
 * that just joined.
 */
class PeriodicJobTest {

    private final PeerRareProvider provider = new PeerRareProvider();

    /** Feeds buckets [0, to) and returns the scores of {@code process} in the buckets where it ran. */
    private Map<Long, ScoredEntity> run(PeerRareModel m, long to, LongFunction<PeerFleet> fleet, String process) {
        Map<Long, ScoredEntity> out = new HashMap<>();
        for (long b = 0; b < to; b++) {
            BucketObservation bucket = fleet.apply(b).bucket(b);
            m.learn(bucket);
            for (ScoredEntity s : m.score(bucket)) {
                if (s.entity().byValue().equals(process)) {
                    out.put(b, s);
                }
            }
        }
        return out;
    }

    /** The background plus two more roles, so that a tool on two of five groups is no base-system tool. */
    private static PeerFleet roles() {
        return PeerFleet.background().run("memcached", "c1", "c2").run("sshd", "c1", "c2", "i1", "i2")
                .run("chronyd", "c1", "c2", "i1", "i2").run("java", "i1", "i2");
    }

    @Test
    void anUpgradeTimerWithARandomizedDelayIsExpectedFromItsThirdRunWhenAnotherHostRunsItTooButNotOffItsSchedule() {
        // 06:00 plus up to an hour: w1 at 06:15, 06:45, 06:30; d1 (another group) at 06:30, 06:45, 06:15; w1 at 14:00 on day 3
        long day = PeerFleet.DAY;
        List<Long> w1 = List.of(25L, day + 27, 2 * day + 26, 3 * day + 56);
        List<Long> d1 = List.of(26L, day + 27, 2 * day + 25);
        PeerRareModel m = provider.create(PeerFleet.JOB);
        Map<Long, ScoredEntity> scores = run(m, 3 * day + 57, b -> {
            PeerFleet f = roles();
            List<String> hosts = new ArrayList<>();
            if (w1.contains(b)) {
                hosts.add("w1");
            }
            if (d1.contains(b)) {
                hosts.add("d1");
            }
            return hosts.isEmpty() ? f : f.run("upgrader", hosts.toArray(String[]::new));
        }, "upgrader");

        assertThat(scores.get(day + 27).anomalous()).as("a second run shows no schedule yet").isTrue();
        ScoredEntity third = scores.get(2 * day + 26);
        assertThat(third.anomalous()).as("third run, 15 minutes off the day before, as on d1").isFalse();
        assertThat(third.explanation().cadence()).startsWith("daily at 06:").contains("as on d1");
        assertThat(third.explanation().suppressedBy()).isEqualTo(PeerScorer.CADENCE);
        ScoredEntity off = scores.get(3 * day + 56);
        assertThat(off.anomalous()).as("the same process at 14:00").isTrue();
        assertThat(off.explanation().cadence()).isNull();
    }

    @Test
    void aHostThatJoinsTakesOverTheNightlyJobOfTheHostsThatRanItBeforeButANewBinaryThereIsRare() {
        // d1..d3 run pg_dump at 02:00 on days 0 and 1 (not yet an established cadence anywhere); d4 joins on day 1 with
        // a database no other host runs, so it has no peer group and is judged against the fleet: the hosts that ran
        // pg_dump before are its peers, and two of them ran it a day before at this time. (A weak peer support, as this
        // fleet of nine hosts is too small for three supporting hosts to leave pg_dump rare on d4 otherwise.)
        long day = PeerFleet.DAY;
        long joined = day + 12;
        PeerRareModel m = new PeerRareProvider(PeerRareConfig.read(Map.of("peer_support_weight", "1")),
                io.netrare.models.rare.NormalizerConfig.defaults()).create(PeerFleet.JOB);
        Map<Long, ScoredEntity> scores = run(m, 2 * day + 10, b -> {
            PeerFleet f = PeerFleet.background();
            if (b >= joined) {
                f.run("mysqld", "d4").run("sshd", "d4").run("chronyd", "d4");
            }
            if (b % day == 8) {
                f.run("pg_dump", "d1", "d2", "d3");
            } else if (b == 2 * day + 9) {
                f.run("pg_dump", "d4"); // 02:15, alone in its bucket: the entity is judged on d4
            }
            return f;
        }, "pg_dump");

        ScoredEntity first = scores.get(2 * day + 9);
        assertThat(m.peerGroups("").members(m.peerGroups("").groupOf("d4"))).as("no peers").containsExactly("d4");
        assertThat(first.anomalous()).as("d4's first pg_dump, at the time the others run it").isFalse();
        assertThat(first.explanation().cadence()).startsWith("daily at 02:00").contains("peers d1, d2");
        BucketObservation next = PeerFleet.background().run("mysqld", "d4").run("sshd", "d4").run("chronyd", "d4")
                .run("kinsing", "d4").bucket(2 * day + 10);
        m.learn(next);
        ScoredEntity kinsing = m.score(next).stream().filter(s -> s.entity().byValue().equals("kinsing")).findFirst()
                .orElseThrow();
        assertThat(kinsing.anomalous()).as("a binary no host ran before, on the host that joined").isTrue();
    }

    @Test
    void anOccasionalToolMostPeersRanBeforeIsCommonInTheGroupButOnePeerOfThreeIsNoMajority() {
        // a package tool at irregular times: on c1, then on c2 (its one peer ran it before); on w1, then on w4 (one of
        // its three peers ran it before). A weak peer support, so that the majority rule alone decides.
        long day = PeerFleet.DAY;
        Map<Long, String> runs = Map.of(30L, "c1", day + 55, "c1", 40L, "w1", day + 20, "w1", 2 * day + 45, "c2",
                2 * day + 50, "w4");
        PeerRareModel m = new PeerRareProvider(PeerRareConfig.read(Map.of("peer_support_weight", "1")),
                io.netrare.models.rare.NormalizerConfig.defaults()).create(PeerFleet.JOB);
        Map<Long, ScoredEntity> scores = run(m, 2 * day + 51, b -> runs.containsKey(b) ? roles().run("dnf", runs.get(b))
                : roles(), "dnf");

        ScoredEntity c2 = scores.get(2 * day + 45);
        assertThat(c2.anomalous()).as("the only other host of its group ran it before").isFalse();
        assertThat(c2.explanation().suppressedBy()).isEqualTo(PeerScorer.PEER_SUPPORT);
        assertThat(c2.explanation().suppressedProbability()).isLessThan(0.035);
        assertThat(c2.explanation().peersSeen()).isEqualTo(1);
        ScoredEntity w4 = scores.get(2 * day + 50);
        assertThat(w4.anomalous()).as("one of three peers").isTrue();
    }
}
