package io.netrare.scoring.stream;

import io.netrare.models.rare.RarityProvider;
import io.netrare.runtime.testing.MutableClock;
import io.netrare.schema.AnomalyRecord;
import io.netrare.schema.Json;
import io.netrare.schema.ModelSnapshot;
import io.netrare.schema.NetworkEvent;
import io.netrare.schema.ScoringSnapshotPart;
import io.netrare.schema.spi.BucketObservation;
import io.netrare.schema.spi.EntityKey;
import io.netrare.schema.spi.JobSpec;
import io.netrare.schema.spi.ShareDelta;
import io.netrare.scoring.BucketEngine;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The scoring side of the share protocol with a controlled clock, deltas handed in directly, no broker. */
class ScoringSharesTest {

    private static final JobSpec JOB = JobSpec.anchorDefault();
    private static final long SPAN = Duration.ofMinutes(15).toMillis();
    private static final Instant B0 = Instant.parse("2026-11-01T00:00:00Z");

    private final MutableClock clock = new MutableClock(B0);
    private DeltaBook book = new DeltaBook(JOB.jobId());
    private final ScoringSettings settings = ScoringSettings.defaults();
    private final List<AnomalyRecord> written = new ArrayList<>();
    private ScoringShares shares = newShares();

    private ScoringShares newShares() {
        BucketEngine engine = BucketEngine.create(JOB, new RarityProvider(), settings.engineConfig(), clock);
        return new ScoringShares(JOB, new RarityProvider(), engine, book, settings, clock, ScoringEvents.NONE);
    }

    private static long bucket(int i) {
        return B0.toEpochMilli() + i * SPAN;
    }

    private static NetworkEvent event(String process, long at) {
        return new NetworkEvent(NetworkEvent.SCHEMA_VERSION, Instant.ofEpochMilli(at), new NetworkEvent.Host("h1", null, null),
                new NetworkEvent.Process(process, null, null, null), null, null, null, null, null, 1, null);
    }

    private static long version = 0;

    /** A training share's delta: the processes it saw in the bucket, and its read position when it closed it. */
    private void delta(int share, long bucket, long sourcePosition, String... processes) {
        java.util.TreeMap<EntityKey, BucketObservation.EntityActivity> entities = new java.util.TreeMap<>();
        for (String p : processes) {
            entities.put(EntityKey.of(p), new BucketObservation.EntityActivity(1, Set.of("h1")));
        }
        ShareDelta d = ShareDelta.of(new BucketObservation(bucket, entities), sourcePosition);
        book.offer(new ModelSnapshot(ModelSnapshot.SCHEMA_VERSION, JOB.jobId(), "rare", 1, share, 2, bucket, ++version,
                ModelSnapshot.KIND_DELTA, clock.instant(), Json.mapper().valueToTree(d)));
    }

    /** Buckets 0..n-1 with the common processes, in share 1 (owned by another instance). */
    private void history(int n) {
        for (int b = 0; b < n; b++) {
            delta(0, bucket(b), 0);
            delta(1, bucket(b), 0, "sshd", "curl", "apt");
        }
    }

    @Test
    void aBucketIsScoredOnceEveryShareClosedItAndThisInstanceReadAsFarAsTheShare() {
        shares.assign(Map.of(0, ScoredPosition.START));
        history(40);
        shares.tick(written::add);
        assertThat(shares.modelBucket()).isEqualTo(bucket(39));
        // xmrig in bucket 40 of share 0: an interim record at once
        shares.place(0, 0, clock.millis(), event("xmrig", bucket(40) + 1000), written::add);
        assertThat(written).singleElement().satisfies(r -> assertThat(r.interim()).isTrue());
        // share 0 closed bucket 40 after reading two events; share 1 has not closed it yet
        delta(0, bucket(40), 2, "xmrig", "nc");
        shares.tick(written::add);
        assertThat(shares.modelBucket()).isEqualTo(bucket(39));
        delta(1, bucket(40), 0, "sshd");
        shares.tick(written::add);
        assertThat(shares.modelBucket()).as("nc, at offset 1, is not read yet").isEqualTo(bucket(39));
        assertThat(shares.trackedEntities()).as("xmrig, in open bucket 40").isEqualTo(1);
        shares.place(0, 1, clock.millis(), event("nc", bucket(40) + 2000), written::add);
        assertThat(shares.modelBucket()).isEqualTo(bucket(40));
        assertThat(shares.trackedEntities()).as("bucket 40 scored: its entities' partitions are no longer kept").isZero();
        assertThat(written).filteredOn(r -> !r.interim()).extracting(AnomalyRecord::byFieldValue)
                .containsExactlyInAnyOrder("xmrig", "nc");
        assertThat(written).filteredOn(r -> !r.interim()).allSatisfy(r ->
                assertThat(r.version()).isEqualTo(BucketEngine.FINAL_VERSION));
        // the commit moves past bucket 40 and says it was scored
        PartitionProgress.Commit commit = shares.commits(Map.of(0, 2L)).get(0);
        assertThat(commit).isEqualTo(new PartitionProgress.Commit(2, new ScoredPosition(bucket(40), 2)));
        assertThat(ScoredPosition.parse(commit.position().encode())).isEqualTo(commit.position());
    }

    @Test
    void everyScoredBucketReportsTheTimeToLearnAndScoreIt() {
        List<long[]> timed = new ArrayList<>();
        BucketEngine engine = BucketEngine.create(JOB, new RarityProvider(), settings.engineConfig(), clock);
        shares = new ScoringShares(JOB, new RarityProvider(), engine, book, settings, clock, new ScoringEvents() {
            @Override
            public void bucketLearnedAndScored(long wallNanos, long cpuNanos) {
                timed.add(new long[]{wallNanos, cpuNanos});
            }
        });
        shares.assign(Map.of(0, ScoredPosition.START));
        history(12);
        shares.tick(written::add);
        assertThat(shares.modelBucket()).isEqualTo(bucket(11));
        assertThat(timed).hasSize(12).allSatisfy(t -> {
            assertThat(t[0]).isPositive();
            assertThat(t[1]).isGreaterThanOrEqualTo(-1);
        });
    }

    @Test
    void aBucketSomeSharesClosedIsScoredAfterTheShareTimeout() {
        shares.assign(Map.of(0, ScoredPosition.START));
        history(10);
        delta(1, bucket(10), 0, "sshd");
        shares.tick(written::add);
        assertThat(shares.modelBucket()).isEqualTo(bucket(9));
        clock.advance(settings.shareTimeout().minusSeconds(1));
        shares.tick(written::add);
        assertThat(shares.modelBucket()).isEqualTo(bucket(9));
        clock.advance(Duration.ofSeconds(2));
        shares.tick(written::add);
        assertThat(shares.modelBucket()).isEqualTo(bucket(10));
    }

    @Test
    void aBucketWaitingForASharesDeltaWaitsTheShareTimeoutAgainOnceTheBrokersAreBack() {
        shares.assign(Map.of(0, ScoredPosition.START));
        history(10);
        delta(1, bucket(10), 0, "sshd");
        shares.tick(written::add);
        assertThat(shares.modelBucket()).isEqualTo(bucket(9));
        // the brokers are away longer than the share timeout: share 0's delta cannot arrive meanwhile
        clock.advance(settings.shareTimeout().plusSeconds(30));
        shares.brokersBack();
        shares.tick(written::add);
        assertThat(shares.modelBucket()).as("scored without share 0 for the outage").isEqualTo(bucket(9));
        delta(0, bucket(10), 0, "nc");
        shares.tick(written::add);
        assertThat(shares.modelBucket()).isEqualTo(bucket(10));
    }

    @Test
    void afterARestartTheModelIsRebuiltAndEventsReadAgainWriteNoSecondInterimRecord() {
        shares.assign(Map.of(0, ScoredPosition.START));
        history(40);
        shares.tick(written::add);
        shares.place(0, 0, clock.millis(), event("xmrig", bucket(40) + 1000), written::add);
        PartitionProgress.Commit commit = shares.commits(Map.of(0, 1L)).get(0);
        assertThat(commit.offset()).as("bucket 40 is open: a restart reads it again").isZero();
        // a new incarnation, from the commit, reading the models topic from its start
        written.clear();
        book = new DeltaBook(JOB.jobId());
        shares = newShares();
        history(40);
        assertThat(shares.assign(Map.of(0, commit.position()))).hasValue(bucket(39));
        assertThat(shares.canRebuild(bucket(39))).isTrue();
        shares.rebuildUpTo(bucket(39));
        assertThat(shares.place(0, 0, clock.millis(), event("xmrig", bucket(40) + 1000), written::add))
                .isEqualTo(ScoringShares.Placement.COLLECTED);
        assertThat(written).as("the interim record was written before the crash").isEmpty();
        delta(0, bucket(40), 1, "xmrig");
        delta(1, bucket(40), 0, "sshd");
        shares.tick(written::add);
        assertThat(written).singleElement().satisfies(r -> {
            assertThat(r.interim()).isFalse();
            assertThat(r.version()).isEqualTo(BucketEngine.FINAL_VERSION);
        });
        // an event of the scored bucket is late now
        assertThat(shares.place(0, 1, clock.millis(), event("nc", bucket(40) + 5000), written::add))
                .isEqualTo(ScoringShares.Placement.LATE);
    }

    @Test
    void aPartitionWithoutEventsCommitsHowFarItWasScoredAndGetsItsSnapshot() {
        shares = new ScoringShares(JOB, new RarityProvider(), BucketEngine.create(JOB, new RarityProvider(),
                settings.engineConfig(), clock), book, settings.withSnapshotEveryBuckets(4), clock, ScoringEvents.NONE);
        shares.assign(Map.of(0, ScoredPosition.START, 1, ScoredPosition.START));
        history(4);
        shares.tick(written::add);
        assertThat(shares.modelBucket()).isEqualTo(bucket(3));
        assertThat(shares.takeSnapshot(1 << 20)).extracting(ScoringSnapshotPart::partition).containsExactlyInAnyOrder(0, 1);
        Map<Integer, PartitionProgress.Commit> commits = shares.commits(Map.of());
        assertThat(commits).containsOnlyKeys(0, 1);
        assertThat(commits.get(1)).isEqualTo(new PartitionProgress.Commit(0, new ScoredPosition(bucket(3), 0)));
        // a partition taken over from a commit, not read yet, commits nothing (never behind its last commit)
        ScoringShares restarted = new ScoringShares(JOB, new RarityProvider(), BucketEngine.create(JOB,
                new RarityProvider(), settings.engineConfig(), clock), new DeltaBook(JOB.jobId()), settings, clock,
                ScoringEvents.NONE);
        restarted.assign(Map.of(0, new ScoredPosition(bucket(3), 7)));
        assertThat(restarted.commits(Map.of())).isEmpty();
    }

    @Test
    void theBookHoldsOnlyBucketsNotScoredYetHoweverLongItRuns() {
        shares.assign(Map.of(0, ScoredPosition.START));
        for (int b = 0; b < 500; b++) {
            delta(0, bucket(b), 0);
            delta(1, bucket(b), 0, "sshd", "curl", "proc-" + (b % 50));
            if (b % 4 == 3) { // a whole-share snapshot: only its closing matters to the book
                book.offer(new ModelSnapshot(ModelSnapshot.SCHEMA_VERSION, JOB.jobId(), "rare", 1, 1, 2, bucket(b), ++version,
                        ModelSnapshot.KIND_SNAPSHOT, clock.instant(), Json.mapper().createObjectNode().put("model", "x".repeat(1000))));
            }
            shares.tick(written::add);
            assertThat(shares.modelBucket()).isEqualTo(bucket(b));
            // a delta of a bucket already scored (a share that published after the share timeout) is not kept
            delta(1, bucket(b), 0, "late");
            shares.tick(written::add);
            assertThat(book.bucketsWithDeltas()).as("buckets held after bucket %d", b).isEmpty();
            assertThat(book.inboxSize()).isZero();
        }
    }

    @Test
    void aDeltaWhoseStateIsNoDeltaIsRefusedWhenOfferedNotWhenDrained() {
        shares.assign(Map.of(0, ScoredPosition.START));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> book.offer(new ModelSnapshot(ModelSnapshot.SCHEMA_VERSION,
                JOB.jobId(), "rare", 1, 0, 2, bucket(0), ++version, ModelSnapshot.KIND_DELTA, clock.instant(),
                Json.mapper().getNodeFactory().textNode("not a delta")))).isInstanceOf(IllegalArgumentException.class);
        assertThat(book.inboxSize()).isZero();
        history(3);
        shares.tick(written::add);
        assertThat(shares.modelBucket()).isEqualTo(bucket(2));
    }

    @Test
    void revokedPartitionsLeaveNoEntitiesBehind() {
        shares.assign(Map.of(0, ScoredPosition.START, 1, ScoredPosition.START));
        history(2);
        shares.tick(written::add);
        shares.place(1, 0, clock.millis(), event("xmrig", bucket(2) + 1000), written::add);
        assertThat(shares.trackedEntities()).isEqualTo(1);
        shares.revoke(List.of(1));
        assertThat(shares.trackedEntities()).isZero();
    }

    @Test
    void anInstanceThatOwnsNoPartitionLearnsWhatTheGroupScoredAndLaterScoresAsOneThatKeptEveryDelta() {
        DeltaBook idleBook = book;
        ScoringShares idle = shares;
        history(100);
        assertThat(idle.ownsNoPartition()).isTrue();
        idle.tick(written::add);
        assertThat(idleBook.bucketsWithDeltas()).as("nothing scored: every delta kept").hasSize(100);
        idle.catchUpIdle(bucket(90));
        assertThat(idle.modelBucket()).isEqualTo(bucket(90));
        assertThat(idleBook.bucketsWithDeltas()).as("only the buckets after what the group scored").hasSize(9);

        DeltaBook keptBook = new DeltaBook(JOB.jobId());
        book = keptBook;
        ScoringShares kept = newShares();
        history(100);

        List<List<List<Object>>> results = new ArrayList<>();
        for (ScoringShares s : List.of(idle, kept)) {
            book = s == idle ? idleBook : keptBook;
            List<AnomalyRecord> out = new ArrayList<>();
            s.assign(Map.of(0, new ScoredPosition(bucket(95), 0))).ifPresent(b -> {
                assertThat(s.canRebuild(b)).isTrue();
                s.rebuildUpTo(b);
            });
            s.place(0, 0, clock.millis(), event("xmrig", bucket(100) + 1000), out::add);
            delta(0, bucket(100), 1, "xmrig");
            delta(1, bucket(100), 0, "sshd", "curl", "apt");
            s.tick(out::add);
            assertThat(s.modelBucket()).isEqualTo(bucket(100));
            results.add(out.stream().filter(r -> !r.interim())
                    .map(r -> List.<Object>of(r.byFieldValue(), r.probability(), r.recordScore())).toList());
        }
        assertThat(results.get(0)).isNotEmpty().isEqualTo(results.get(1));
    }
}

