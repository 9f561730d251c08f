package io.netrare.model.training;

import io.netrare.models.rare.RarityProvider;
import io.netrare.runtime.bucket.EventTimeBuckets.Placement;
import io.netrare.runtime.bucket.SharePosition;
import io.netrare.runtime.testing.MutableClock;
import io.netrare.schema.ModelSnapshot;
import io.netrare.schema.NetworkEvent;
import io.netrare.schema.spi.JobSpec;
import io.netrare.schema.spi.SnapshotCheck;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The training side of the share protocol with a controlled clock and no broker. */
class TrainingSharesTest {

    private static final JobSpec JOB = JobSpec.anchorDefault();
    private static final long SPAN = Duration.ofMinutes(15).toMillis();
    private static final Instant B0 = Instant.parse("2026-11-01T10:00:00Z");
    private static final TrainingSettings SETTINGS = TrainingSettings.defaults().withIdleTimeout(Duration.ofSeconds(20));

    private static final SnapshotCheck CHECK = SnapshotCheck.of(new RarityProvider(), SnapshotCheck.OnMismatch.fail);

    private final MutableClock clock = new MutableClock(B0);

    private TrainingShares shares(int count, Map<Integer, SharePosition> committed) {
        TrainingShares s = new TrainingShares(JOB, new RarityProvider(), SETTINGS, clock,
                TrainingEvents.NONE);
        Map<Integer, TrainingShares.Assignment> assigned = new java.util.TreeMap<>();
        for (int i = 0; i < count; i++) {
            assigned.put(i, new TrainingShares.Assignment(new ShareHistory().share(i, CHECK),
                    committed.getOrDefault(i, SharePosition.START)));
        }
        s.assign(count, 1, assigned);
        return s;
    }

    private static NetworkEvent event(String process, Instant at) {
        return new NetworkEvent(NetworkEvent.SCHEMA_VERSION, at, new NetworkEvent.Host("web-01", null, null),
                new NetworkEvent.Process(process, null, null, null), null, null, null, null, null, 1, null);
    }

    private static List<ModelSnapshot> deltas(List<TrainingShares.Publication> out) {
        return out.stream().map(TrainingShares.Publication::snapshot).filter(ModelSnapshot::isDelta).toList();
    }

    @Test
    void onLiveInputIdleCloseLeavesABucketWhoseEndIsAheadOfTheClockOpen() {
        TrainingShares s = shares(1, Map.of());
        List<TrainingShares.Publication> out = new ArrayList<>();
        clock.set(B0.plusSeconds(5));
        assertThat(s.place(0, 0, event("sshd", clock.instant()), out)).isEqualTo(Placement.ADDED);
        long offset = 1;
        // never-seen processes, one at a time, each after more than the idle timeout, all in the bucket of B0
        for (String process : List.of("xmrig", "nc", "socat")) {
            clock.advance(Duration.ofSeconds(150));
            s.tick(clock.millis(), out);
            assertThat(deltas(out)).as("bucket still open at %s", clock.instant()).isEmpty();
            assertThat(s.place(0, offset++, event(process, clock.instant()), out)).isEqualTo(Placement.ADDED);
        }
        // end of the bucket plus the latency: idle close learns it, with every event
        clock.set(B0.plusMillis(SPAN).plus(SETTINGS.latency()).plusSeconds(30));
        s.tick(clock.millis(), out);
        assertThat(deltas(out)).singleElement().satisfies(d -> {
            assertThat(d.bucket()).isEqualTo(B0.toEpochMilli());
            assertThat(d.state().get("entities")).hasSize(4);
        });
    }

    @Test
    void aReplayOfOldEventsClosesEverythingOnIdle() {
        TrainingShares s = shares(1, Map.of());
        List<TrainingShares.Publication> out = new ArrayList<>();
        Instant old = B0.minus(Duration.ofDays(3));
        s.place(0, 0, event("sshd", old), out);
        s.place(0, 1, event("curl", old.plusMillis(SPAN)), out);
        assertThat(deltas(out)).isEmpty();
        clock.advance(SETTINGS.idleTimeout());
        s.tick(clock.millis(), out);
        assertThat(deltas(out)).extracting(ModelSnapshot::bucket).containsExactly(old.toEpochMilli(), old.toEpochMilli() + SPAN);
        TrainingShares.Commit commit = s.commits(Map.of(0, 2L)).get(0);
        assertThat(commit.offset()).as("nothing open: the commit moves past every event").isEqualTo(2);
        assertThat(commit.position().maxEventTime()).isEqualTo(old.toEpochMilli() + SPAN);
        assertThat(commit.position().lastClosed()).isGreaterThanOrEqualTo(old.toEpochMilli() + SPAN);
    }

    @Test
    void anIdleShareWithoutEventsCatchesUpAndSaysSoWithASnapshot() {
        TrainingShares s = shares(2, Map.of());
        List<TrainingShares.Publication> out = new ArrayList<>();
        Instant old = B0.minus(Duration.ofDays(1));
        s.place(0, 0, event("sshd", old), out);
        clock.advance(SETTINGS.idleTimeout());
        s.tick(clock.millis(), out);
        assertThat(out).anySatisfy(p -> {
            assertThat(p.snapshot().modelPartition()).isEqualTo(1);
            assertThat(p.snapshot().isDelta()).isFalse();
            assertThat(p.snapshot().bucket()).isGreaterThanOrEqualTo(old.toEpochMilli());
        });
    }

    @Test
    void aRestartFromTheCommitPlacesTheEventsReadAgainAsBefore() {
        List<NetworkEvent> events = List.of(event("a", B0.plusSeconds(10)), event("b", B0.plusMillis(SPAN).plusSeconds(70)),
                event("c", B0.plusMillis(SPAN).plusSeconds(10)), event("d", B0.plusSeconds(30)),
                event("e", B0.plusMillis(2 * SPAN).plusSeconds(61)), event("f", B0.plusMillis(SPAN).plusSeconds(20)));
        // the reference: one run over every event
        TrainingShares whole = shares(1, Map.of());
        List<Placement> expected = new ArrayList<>();
        List<TrainingShares.Publication> wholeOut = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            expected.add(whole.place(0, i, events.get(i), wholeOut));
        }
        // a run that commits after the third event and restarts from that commit
        TrainingShares first = shares(1, Map.of());
        List<TrainingShares.Publication> firstOut = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            first.place(0, i, events.get(i), firstOut);
        }
        TrainingShares.Commit commit = first.commits(Map.of(0, 3L)).get(0);
        assertThat(SharePosition.parse(commit.position().encode())).isEqualTo(commit.position());
        ShareHistory published = new ShareHistory();
        firstOut.forEach(p -> published.add(p.snapshot(), JOB.jobId()));
        TrainingShares second = new TrainingShares(JOB, new RarityProvider(), SETTINGS, clock,
                TrainingEvents.NONE);
        second.assign(1, 1, Map.of(0, new TrainingShares.Assignment(published.share(0, CHECK), commit.position())));
        List<TrainingShares.Publication> secondOut = new ArrayList<>(firstOut);
        List<Placement> replayed = new ArrayList<>();
        for (int i = (int) commit.offset(); i < events.size(); i++) {
            replayed.add(second.place(0, i, events.get(i), secondOut));
        }
        List<Placement> after = replayed.subList(replayed.size() - 3, replayed.size());
        assertThat(after).containsExactlyElementsOf(expected.subList(3, 6));
        assertThat(deltas(secondOut)).extracting(ModelSnapshot::bucket)
                .containsExactlyElementsOf(deltas(wholeOut).stream().map(ModelSnapshot::bucket).toList());
    }

    @Test
    void aPauseInAReplayClosesOnlyTheOpenBucketsNotTheEventsStillOnTheirWay() {
        TrainingShares s = shares(1, Map.of());
        List<TrainingShares.Publication> out = new ArrayList<>();
        Instant old = B0.minus(Duration.ofDays(3));
        s.place(0, 0, event("sshd", old), out);
        clock.advance(SETTINGS.idleTimeout());
        s.tick(clock.millis(), out);
        assertThat(deltas(out)).extracting(ModelSnapshot::bucket).containsExactly(old.toEpochMilli());
        // the replay goes on: the next bucket's events are not late
        assertThat(s.place(0, 1, event("curl", old.plusMillis(SPAN)), out)).isEqualTo(Placement.ADDED);
    }

    @Test
    void anOutageIsNoIdlenessTheIdleClockRestartsWhenTheBrokersAreBack() {
        TrainingShares s = shares(1, Map.of());
        List<TrainingShares.Publication> out = new ArrayList<>();
        Instant old = B0.minus(Duration.ofDays(3));
        s.place(0, 0, event("sshd", old), out);
        // the brokers are away for three idle timeouts; the loop does not tick meanwhile
        clock.advance(SETTINGS.idleTimeout().multipliedBy(3));
        s.brokersBack(clock.millis());
        clock.advance(SETTINGS.idleTimeout().dividedBy(2));
        s.tick(clock.millis(), out);
        assertThat(deltas(out)).as("the outage counted as idle input").isEmpty();
        // the events still on their way when the brokers went away land in their bucket
        assertThat(s.place(0, 1, event("curl", old.plusSeconds(60)), out)).isEqualTo(Placement.ADDED);
        // quiet for the idle timeout after that: the replay's open bucket closes with both events
        clock.advance(SETTINGS.idleTimeout());
        s.tick(clock.millis(), out);
        assertThat(deltas(out)).singleElement().satisfies(d -> assertThat(d.state().get("entities")).hasSize(2));
    }

    @Test
    void aConsumerBusyWithOtherPartitionsIsNotIdle() {
        TrainingShares s = shares(2, Map.of());
        List<TrainingShares.Publication> out = new ArrayList<>();
        Instant old = B0.minus(Duration.ofDays(3));
        s.place(1, 0, event("nc", old), out);
        for (int i = 0; i < 10; i++) {
            clock.advance(SETTINGS.idleTimeout().dividedBy(2));
            s.place(0, i, event("sshd", old.plusSeconds(i)), out);
            s.tick(clock.millis(), out);
        }
        assertThat(deltas(out)).as("share 1 is quiet, but its events may still be unread").isEmpty();
        assertThat(s.place(1, 1, event("nc", old.plusSeconds(30)), out)).isEqualTo(Placement.ADDED);
    }

    @Test
    void anIdleInstanceWhoseSharesHadNothingCatchesUpWithTheFleet() {
        TrainingShares s = shares(1, Map.of());
        List<TrainingShares.Publication> out = new ArrayList<>();
        long fleet = B0.minus(Duration.ofDays(1)).toEpochMilli();
        clock.advance(SETTINGS.idleTimeout());
        assertThat(s.idleWithEmptyShares(clock.millis())).isTrue();
        s.tick(clock.millis(), fleet, out);
        assertThat(out).singleElement().satisfies(p -> {
            assertThat(p.snapshot().isDelta()).isFalse();
            assertThat(p.snapshot().bucket()).isEqualTo(fleet);
        });
        // never past the wall clock minus the latency
        out.clear();
        s.tick(clock.millis(), clock.millis() + SPAN, out);
        assertThat(out).singleElement().satisfies(p -> assertThat(p.snapshot().bucket() + SPAN)
                .isLessThanOrEqualTo(clock.millis() - SETTINGS.latency().toMillis()));
    }
}
