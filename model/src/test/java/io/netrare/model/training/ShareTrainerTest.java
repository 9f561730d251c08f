package io.netrare.model.training;

import io.netrare.models.rare.RarityProvider;
import io.netrare.runtime.bucket.EventTimeBuckets;
import io.netrare.runtime.bucket.SharePosition;
import io.netrare.schema.NetworkEvent;
import io.netrare.schema.spi.EntityKey;
import io.netrare.schema.spi.JobSpec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ShareTrainerTest {

    private static final JobSpec JOB = JobSpec.anchorDefault();
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final long SPAN = Duration.ofMinutes(15).toMillis();

    private static NetworkEvent event(String process, String host, Instant at) {
        return new NetworkEvent(NetworkEvent.SCHEMA_VERSION, at, new NetworkEvent.Host(host, null, null),
                new NetworkEvent.Process(process, null, null, null), null, null, null, null, null, 1, null);
    }

    private static ShareTrainer trainer(long lastClosed, long replayUntil) {
        return new ShareTrainer(0, JOB, new RarityProvider().create(JOB), 60_000, lastClosed,
                new SharePosition(replayUntil, Long.MIN_VALUE, Long.MIN_VALUE), Integer.MAX_VALUE);
    }

    private static EventTimeBuckets.Placement add(ShareTrainer t, String process, Instant at, long offset) {
        return t.add(event(process, "web-01", at), EntityKey.of(process), offset);
    }

    @Test
    void bucketClosesOnlyWhenTheWatermarkPassesItsEndPlusLatency() {
        ShareTrainer t = trainer(Long.MIN_VALUE, 0);
        add(t, "nginx", T0.plusSeconds(10), 0);
        add(t, "curl", T0.plus(Duration.ofMinutes(15)).plusSeconds(30), 1); // next bucket, watermark 14:30 into it - 60s
        assertThat(t.closeByWatermark()).isEmpty();
        add(t, "nginx", T0.plus(Duration.ofMinutes(16)).plusSeconds(1), 2);   // watermark now past 15:00
        List<ShareTrainer.Closed> closed = t.closeByWatermark();
        assertThat(closed).singleElement().satisfies(c -> {
            assertThat(c.bucketStart()).isEqualTo(T0.toEpochMilli());
            assertThat(c.delta().entities()).extracting(e -> e.by()).containsExactly("nginx");
            assertThat(c.delta().sourcePosition()).isEqualTo(3);
        });
        assertThat(t.model().lastLearnedBucket()).isEqualTo(T0.toEpochMilli());
        assertThat(t.lastClosed()).isEqualTo(T0.toEpochMilli());
    }

    @Test
    void anEventOfAClosedBucketIsLateUnlessItIsAReplayAfterARestart() {
        ShareTrainer fresh = trainer(T0.toEpochMilli(), 10);
        assertThat(add(fresh, "nc", T0.plusSeconds(60), 5)).isEqualTo(EventTimeBuckets.Placement.REPLAYED);
        assertThat(add(fresh, "nc", T0.plusSeconds(60), 12)).isEqualTo(EventTimeBuckets.Placement.LATE);
        assertThat(add(fresh, "nc", T0.plusMillis(SPAN + 1), 13)).isEqualTo(EventTimeBuckets.Placement.ADDED);
    }

    @Test
    void closingLearnsEveryOpenBucketAndTheCommittedOffsetMovesPastThem() {
        ShareTrainer t = trainer(Long.MIN_VALUE, 0);
        add(t, "nginx", T0.plusSeconds(1), 40);
        add(t, "sshd", T0.plusMillis(SPAN + 1000), 41);
        assertThat(t.committableOffset()).isEqualTo(40);
        List<ShareTrainer.Closed> closed = t.closeUpTo(T0.toEpochMilli() + 2 * SPAN);
        assertThat(closed).extracting(ShareTrainer.Closed::bucketStart)
                .containsExactly(T0.toEpochMilli(), T0.toEpochMilli() + SPAN);
        assertThat(t.buckets().hasOpenBuckets()).isFalse();
        assertThat(t.committableOffset()).isEqualTo(42);
    }

    @Test
    void aShareWithNoEventsStillAdvancesSoScoringKnowsItHadNothing() {
        ShareTrainer t = trainer(Long.MIN_VALUE, 0);
        assertThat(t.closeUpTo(T0.toEpochMilli() + 3 * SPAN)).isEmpty();
        assertThat(t.lastClosed()).isEqualTo(T0.toEpochMilli() + 2 * SPAN);
        assertThat(add(t, "curl", T0.plusSeconds(5), 0)).isEqualTo(EventTimeBuckets.Placement.LATE);
    }
}
