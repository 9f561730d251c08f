package io.netrare.scoring.stream;

import io.netrare.models.rare.RarityProvider;
import io.netrare.runtime.testing.MutableClock;
import io.netrare.schema.AnomalyRecord;
import io.netrare.schema.Json;
import io.netrare.schema.ModelSnapshot;
import io.netrare.schema.NetworkEvent;
import io.netrare.schema.ScoringSnapshotPart;
import io.netrare.schema.ScoringSnapshotStore;
import io.netrare.schema.spi.BucketObservation;
import io.netrare.schema.spi.EntityKey;
import io.netrare.schema.spi.JobSpec;
import io.netrare.schema.spi.ModelProvider;
import io.netrare.schema.spi.ShareDelta;
import io.netrare.scoring.BucketEngine;
import io.netrare.models.firstseen.FirstSeenProvider;
import io.netrare.models.peer.PeerRareProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scoring restart from a scoring snapshot plus the deltas after it ends in the same model, normalizer and records as
 * a restart that learns every delta from the beginning (no broker: deltas and snapshots handed in directly).
 */
class ScoringSnapshotRestoreTest {

    private static final JobSpec JOB = JobSpec.anchorDefault();
    private static final long SPAN = Duration.ofMinutes(15).toMillis();
    private static final Instant B0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final int SNAPSHOT_EVERY = 8;
    /** The crash: the last bucket the first incarnation committed as scored. */
    private static final int CRASH_AFTER = 3 * SNAPSHOT_EVERY + 5;
    private static final int BUCKETS = 60;

    private final MutableClock clock = new MutableClock(B0);
    private final ScoringSettings settings = ScoringSettings.defaults().withSnapshotEveryBuckets(SNAPSHOT_EVERY);
    private ModelProvider provider = new RarityProvider();

    static List<ModelProvider> providers() {
        return List.of(new RarityProvider(), new PeerRareProvider(),
                new FirstSeenProvider(io.netrare.models.firstseen.FirstSeenConfig.defaults(), io.netrare.models.rare.NormalizerConfig.defaults()));
    }

    /** One incarnation of a scoring instance owning events partition 0 (share 1 is another instance's). */
    private final class Instance {
        final DeltaBook book = new DeltaBook(JOB.jobId());
        final BucketEngine engine = BucketEngine.create(JOB, provider, settings.engineConfig(), clock);
        final List<String> fallbacks = new ArrayList<>();
        final int[] replayed = {-1};
        final ScoringShares shares = new ScoringShares(JOB, provider, engine, book, settings, clock, new ScoringEvents() {
            @Override
            public void snapshotFallback(String reason) {
                fallbacks.add(reason);
            }

            @Override
            public void restored(long snapshotBucket, int replayedBuckets) {
                replayed[0] = replayedBuckets;
            }
        });
        final List<AnomalyRecord> written = new ArrayList<>();
        final ScoringSnapshotStore snapshots = new ScoringSnapshotStore(JOB.jobId());
        long offset;
        long version;

        /** Share 0's events of bucket {@code b} placed, both shares' deltas offered, what became ready scored. */
        void runBucket(int b) {
            List<String> own = ownProcesses(b);
            for (String p : own) {
                shares.place(0, offset++, clock.millis(), event(p, bucket(b) + 1000), written::add);
            }
            offerDeltas(b, offset);
            shares.tick(written::add);
            // what the service writes in the transaction of its commit
            shares.takeSnapshot(300).forEach(part -> snapshots.add(part.key().getBytes(), part.encode()));
        }

        void offerDeltas(int b, long sourcePosition) {
            delta(0, b, sourcePosition, ownProcesses(b));
            delta(1, b, 0, otherProcesses(b));
        }

        private void delta(int share, int b, long sourcePosition, List<String> processes) {
            TreeMap<EntityKey, BucketObservation.EntityActivity> entities = new TreeMap<>();
            for (String p : processes) {
                entities.put(EntityKey.of(p), new BucketObservation.EntityActivity(1 + (b + p.length()) % 3,
                        Set.of("h" + (b % 4))));
            }
            ShareDelta d = ShareDelta.of(new BucketObservation(bucket(b), entities), sourcePosition);
            book.offer(new ModelSnapshot(ModelSnapshot.SCHEMA_VERSION, JOB.jobId(), provider.type(),
                    provider.formatVersion(), share, 2, bucket(b), ++version, ModelSnapshot.KIND_DELTA, clock.instant(),
                    Json.mapper().valueToTree(d)));
        }
    }

    private static long bucket(int i) {
        return B0.toEpochMilli() + i * SPAN;
    }

    /** Share 0's processes: common ones, and now and then one never seen before. */
    private static List<String> ownProcesses(int b) {
        List<String> out = new ArrayList<>(List.of("bash", "python3", "java", "node", "nginx"));
        if (b % 4 == 2) {
            out.add("rare-" + b);
        }
        if (b % 9 == 0) {
            out.add("nc");
        }
        return out;
    }

    private static List<String> otherProcesses(int b) {
        List<String> out = new ArrayList<>(List.of("sshd", "curl", "apt", "cron", "chronyd", "dnf", "rsyslogd"));
        if (b % 7 == 0) {
            out.add("other-" + b);
        }
        return out;
    }

    private static NetworkEvent event(String process, long at) {
        return new NetworkEvent(NetworkEvent.SCHEMA_VERSION, Instant.ofEpochMilli(at), new NetworkEvent.Host("h1", null, null),
                new NetworkEvent.Process(process, null, null, null), null, null, null, null, null, 1, null);
    }

    /** The first incarnation up to the crash; returns its commit for partition 0. */
    private PartitionProgress.Commit firstIncarnation(Instance first) {
        first.shares.assign(Map.of(0, ScoredPosition.START));
        for (int b = 0; b <= CRASH_AFTER; b++) {
            first.runBucket(b);
        }
        assertThat(first.shares.modelBucket()).isEqualTo(bucket(CRASH_AFTER));
        return first.shares.commits(Map.of(0, first.offset)).get(0);
    }

    /** A new incarnation: reads the models topic (every delta up to the crash), restores, then runs to the end. */
    private Instance restart(PartitionProgress.Commit commit, ScoringSnapshotStore snapshots, long offset) {
        Instance next = new Instance();
        next.offset = offset;
        long sourcePosition = 0;
        for (int b = 0; b <= CRASH_AFTER; b++) {
            sourcePosition += ownProcesses(b).size();
            next.offerDeltas(b, sourcePosition);
        }
        assertThat(next.shares.assign(Map.of(0, commit.position()))).hasValue(bucket(CRASH_AFTER));
        next.shares.restoreSnapshot(snapshots, bucket(CRASH_AFTER));
        assertThat(next.shares.canRebuild(bucket(CRASH_AFTER))).isTrue();
        next.shares.rebuildUpTo(bucket(CRASH_AFTER));
        assertThat(next.shares.modelBucket()).isEqualTo(bucket(CRASH_AFTER));
        return next;
    }

    private static void runToEnd(Instance i) {
        for (int b = CRASH_AFTER + 1; b < BUCKETS; b++) {
            i.runBucket(b);
        }
    }

    @ParameterizedTest
    @MethodSource("providers")
    void aRestartFromTheSnapshotAndLaterDeltasEqualsAFullReplay(ModelProvider model) {
        provider = model;
        Instance first = new Instance();
        PartitionProgress.Commit commit = firstIncarnation(first);
        assertThat(first.snapshots.buckets()).as("the last snapshot before the crash")
                .containsEntry(0, bucket(3 * SNAPSHOT_EVERY - 1));
        assertThat(first.snapshots.atOrBefore(bucket(CRASH_AFTER)).get(0)).as("a snapshot cut in several parts")
                .hasSizeGreaterThan(1);

        Instance fromSnapshot = restart(commit, first.snapshots, first.offset);
        Instance fullReplay = restart(commit, new ScoringSnapshotStore(JOB.jobId()), first.offset);
        assertThat(fromSnapshot.replayed[0]).as("buckets learned again after the snapshot").isEqualTo(6);
        assertThat(fullReplay.replayed[0]).isEqualTo(CRASH_AFTER + 1);
        assertThat(fromSnapshot.fallbacks).isEmpty();
        assertSameState(fromSnapshot, fullReplay);

        runToEnd(fromSnapshot);
        runToEnd(fullReplay);
        assertSameState(fromSnapshot, fullReplay);
        assertThat(fromSnapshot.written).as("records after the restart").isEqualTo(fullReplay.written);
        if (model instanceof RarityProvider) {
            assertThat(fromSnapshot.written).isNotEmpty().anyMatch(r -> !r.interim());
        }

        // and both write what the first incarnation would have written had it not crashed
        runToEnd(first);
        List<AnomalyRecord> uninterrupted = first.written.stream()
                .filter(r -> r.timestamp() > bucket(CRASH_AFTER) && r.version() <= BucketEngine.FINAL_VERSION).toList();
        assertThat(fromSnapshot.written.stream().filter(r -> r.version() <= BucketEngine.FINAL_VERSION).toList())
                .isEqualTo(uninterrupted);
    }

    @Test
    void anUnreadableSnapshotFallsBackToTheDeltasAndIsCounted() {
        Instance first = new Instance();
        PartitionProgress.Commit commit = firstIncarnation(first);
        ScoringSnapshotStore corrupt = new ScoringSnapshotStore(JOB.jobId());
        for (ScoringSnapshotPart p : first.snapshots.atOrBefore(bucket(CRASH_AFTER)).get(0)) {
            byte[] data = p.data().clone();
            data[data.length / 2] ^= 0x5a;
            corrupt.add(null, new ScoringSnapshotPart(p.jobId(), p.partition(), p.bucket(), p.part(), p.parts(), data).encode());
        }
        Instance restored = restart(commit, corrupt, first.offset);
        Instance fullReplay = restart(commit, new ScoringSnapshotStore(JOB.jobId()), first.offset);
        assertThat(restored.fallbacks).containsExactly("unreadable");
        assertThat(restored.replayed[0]).isEqualTo(CRASH_AFTER + 1);
        runToEnd(restored);
        runToEnd(fullReplay);
        assertThat(restored.written).isEqualTo(fullReplay.written);
    }

    @Test
    void aSnapshotPastTheResumeBucketIsNotUsed() {
        Instance first = new Instance();
        PartitionProgress.Commit commit = firstIncarnation(first);
        runToEnd(first); // snapshots of buckets after the commit (another instance's, say)
        ScoringSnapshotStore ahead = new ScoringSnapshotStore(JOB.jobId());
        for (ScoringSnapshotPart p : first.snapshots.atOrBefore(Long.MAX_VALUE).get(0)) {
            ahead.add(null, p.encode());
        }
        Instance restored = restart(commit, ahead, CRASH_AFTER);
        assertThat(restored.fallbacks).containsExactly("ahead");
        assertThat(restored.replayed[0]).isEqualTo(CRASH_AFTER + 1);
    }

    @Test
    void aPartsSnapshotRoundTripsAndTheFloorIsTheOldestPartitionsSnapshot() {
        ScoringSnapshotStore store = new ScoringSnapshotStore(JOB.jobId());
        ScoringSnapshot s = new ScoringSnapshot(JOB.jobId(), "rare", 1, bucket(9), bucket(8),
                Json.mapper().valueToTree(Map.of("a", List.of(1.0 / 3, 2.5e-300, 7))), Json.mapper().valueToTree(Map.of("n", 1)));
        List<ScoringSnapshotPart> parts = s.parts(0, 10);
        assertThat(parts).hasSizeGreaterThan(2);
        assertThat(ScoringSnapshot.join(parts)).isEqualTo(s);
        parts.forEach(p -> store.add(p.key().getBytes(), p.encode()));
        assertThat(store.floor(2)).as("partition 1 has no snapshot").isEqualTo(Long.MIN_VALUE);
        new ScoringSnapshot(JOB.jobId(), "rare", 1, bucket(5), bucket(5), s.model(), s.normalizer()).parts(1, 1 << 20)
                .forEach(p -> store.add(p.key().getBytes(), p.encode()));
        assertThat(store.floor(2)).isEqualTo(bucket(5));
        assertThat(store.buckets()).containsEntry(0, bucket(9)).containsEntry(1, bucket(5));
        // a part missing: that partition's snapshot is not complete
        store.add(parts.get(1).key().getBytes(), null);
        assertThat(store.buckets()).doesNotContainKey(0);
        assertThat(store.atOrBefore(bucket(9))).hasSize(1);
    }

    private static void assertSameState(Instance a, Instance b) {
        assertThat(a.engine.model().snapshot()).isEqualTo(b.engine.model().snapshot());
        assertThat(a.engine.normalizer().snapshot()).isEqualTo(b.engine.normalizer().snapshot());
        assertThat(a.engine.lastScored()).isEqualTo(b.engine.lastScored());
    }
}
