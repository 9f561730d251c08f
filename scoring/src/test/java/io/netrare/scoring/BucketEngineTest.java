package io.netrare.scoring;

import io.netrare.runtime.testing.MutableClock;
import io.netrare.models.firstseen.FirstSeenConfig;
import io.netrare.models.rare.NormalizerConfig;
import io.netrare.models.rare.RareModelConfig;
import io.netrare.models.rare.RarityProvider;
import io.netrare.schema.AnomalyRecord;
import io.netrare.schema.spi.JobSpec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.netrare.scoring.Fleet.SPAN;
import static io.netrare.scoring.Fleet.START;
import static org.assertj.core.api.Assertions.assertThat;

class BucketEngineTest {

    private static final JobSpec JOB = JobSpec.anchorDefault();
    private static final RarityProvider NO_DECAY = new RarityProvider(
            new RareModelConfig(0, 100_000, 0.9, 0.035), NormalizerConfig.defaults());

    private static Instant at(int bucket, int seconds) {
        return START.plusMillis(bucket * SPAN + seconds * 1000L);
    }

    private final MutableClock clock = new MutableClock(START);

    private BucketEngine engine(EngineConfig config) {
        return BucketEngine.create(JOB, NO_DECAY, config, clock);
    }

    /** Processes A and B in buckets [from, to). */
    private static List<AnomalyRecord> common(BucketEngine engine, int from, int to) {
        List<AnomalyRecord> out = new ArrayList<>();
        for (int b = from; b < to; b++) {
            out.addAll(engine.accept(Fleet.event(at(b, 100), "h1", "A", "u", "10.0.0.1")).records());
            out.addAll(engine.accept(Fleet.event(at(b, 200), "h1", "B", "u", "10.0.0.1")).records());
        }
        return out;
    }

    @Test
    void interimThenFinalWithTheSameIdAndAHigherVersion() {
        BucketEngine engine = engine(EngineConfig.defaults());
        assertThat(common(engine, 0, 51)).isEmpty();
        // bucket 50 is still open (watermark = latest - 60s); X's first event gives an interim record at once
        BucketEngine.Outcome first = engine.accept(Fleet.event(at(50, 30), "h2", "X", "nobody", "1.2.3.4"));
        assertThat(first.kind()).isEqualTo(BucketEngine.Outcome.Kind.ACCEPTED);
        AnomalyRecord interim = first.records().get(0);
        assertThat(interim.interim()).isTrue();
        assertThat(interim.version()).isEqualTo(1);
        assertThat(interim.byFieldValue()).isEqualTo("X");
        // a second event of X in the same bucket does not repeat it
        assertThat(engine.accept(Fleet.event(at(50, 40), "h3", "X", "nobody", "1.2.3.5")).records()).isEmpty();
        // the next bucket's events push the watermark past bucket 50's end: the final record
        List<AnomalyRecord> closing = common(engine, 51, 52);
        assertThat(closing).singleElement().satisfies(r -> {
            assertThat(r.recordId()).isEqualTo(interim.recordId());
            assertThat(r.version()).isEqualTo(2);
            assertThat(r.interim()).isFalse();
            // A and B were in bucket 50 too: a_A = a_B = 51, a_X = 1
            assertThat(r.probability()).isEqualTo(1.0 / 103);
            assertThat(r.influencerValues("host.name")).containsExactly("h2", "h3");
        });
    }

    @Test
    void renormalizationReEmitsMovedRecordsKeepingTheInitialScore() {
        BucketEngine engine = engine(EngineConfig.defaults().withInterim(false));
        common(engine, 0, 50);
        engine.accept(Fleet.event(at(50, 30), "h2", "X", "nobody", "1.2.3.4"));
        List<AnomalyRecord> xFinal = common(engine, 51, 52);
        assertThat(xFinal).singleElement().extracting(AnomalyRecord::byFieldValue).isEqualTo("X");
        AnomalyRecord x = xFinal.get(0);
        assertThat(x.version()).as("a final record is version 2, interim record or not").isEqualTo(2);
        common(engine, 52, 500);
        // X comes back far rarer (P about 0.001, its decayed count of 1 against 500 buckets of A and B): X's own
        // maximum raw score rises, so the max-score ceiling of its first record drops (the maximum is kept per by value)
        engine.accept(Fleet.event(at(500, 30), "h2", "X", "nobody", "1.2.3.4"));
        List<AnomalyRecord> after = new ArrayList<>(common(engine, 500, 502));
        after.addAll(engine.closeAll());
        AnomalyRecord renormalized = after.stream().filter(r -> r.recordId().equals(x.recordId())).findFirst().orElseThrow();
        assertThat(renormalized.version()).isEqualTo(3);
        assertThat(renormalized.recordScore()).isLessThan(x.recordScore() - 1);
        assertThat(renormalized.initialRecordScore()).isEqualTo(x.initialRecordScore()).isEqualTo(x.recordScore());
        assertThat(after).anyMatch(r -> r.byFieldValue().equals("X") && r.timestamp() == at(500, 0).toEpochMilli() && !r.interim());
    }

    @Test
    void aLateEventIsReportedNotDropped() {
        BucketEngine engine = engine(EngineConfig.defaults());
        common(engine, 0, 3);
        // bucket 0 and 1 closed (watermark in bucket 2)
        BucketEngine.Outcome late = engine.accept(Fleet.event(at(1, 5), "h1", "A", "u", "10.0.0.1"));
        assertThat(late.kind()).isEqualTo(BucketEngine.Outcome.Kind.LATE);
        assertThat(engine.lateEvents()).isEqualTo(1);
        assertThat(engine.accept(Fleet.event(at(2, 500), "h1", "A", "u", "10.0.0.1")).kind())
                .isEqualTo(BucketEngine.Outcome.Kind.ACCEPTED);
    }

    @Test
    void anIdleInputClosesBucketsByWallClock() {
        BucketEngine engine = engine(EngineConfig.defaults());
        clock.advance(Duration.ofSeconds(10));
        engine.accept(Fleet.event(at(0, 10), "h1", "A", "u", "10.0.0.1"));
        assertThat(engine.bucketsClosed()).isZero();
        // not idle long enough yet (2 minutes), and the bucket has not ended by the wall clock
        clock.advance(Duration.ofMinutes(1));
        assertThat(engine.closeIdle()).isEmpty();
        assertThat(engine.bucketsClosed()).isZero();
        // 15 minutes on: bucket 0 ended more than the latency ago and the input has been idle
        clock.advance(Duration.ofMinutes(15));
        engine.closeIdle();
        assertThat(engine.bucketsClosed()).isEqualTo(1);
        assertThat(engine.lastClosedBucket()).isEqualTo(START.toEpochMilli());
        assertThat(engine.accept(Fleet.event(at(0, 100), "h1", "A", "u", "10.0.0.1")).kind())
                .isEqualTo(BucketEngine.Outcome.Kind.LATE);
    }

    @Test
    void onLiveInputAnIdleGapNeverClosesABucketWhoseEndIsAheadOfTheClock() {
        BucketEngine engine = engine(EngineConfig.defaults());
        clock.set(at(0, 5));
        engine.accept(Fleet.event(at(0, 5), "h1", "A", "u", "10.0.0.1"));
        // three new processes, each after an idle gap longer than the idle timeout, all in bucket 0
        int second = 5;
        for (String p : List.of("X", "Y", "Z")) {
            second += 150;
            clock.set(at(0, second));
            assertThat(engine.closeIdle()).isEmpty();
            assertThat(engine.accept(Fleet.event(at(0, second), "h2", p, "u", "1.2.3.4")).kind())
                    .isEqualTo(BucketEngine.Outcome.Kind.ACCEPTED);
        }
        assertThat(engine.bucketsClosed()).isZero();
        clock.set(at(1, 61));
        engine.closeIdle();
        assertThat(engine.bucketsClosed()).isEqualTo(1);
    }

    @Test
    void eachShareClosesOnItsOwnWatermarkAndABucketIsScoredOnceEveryShareClosedIt() {
        // A and B in share 0, X in share 1
        BucketEngine engine = BucketEngine.create(JOB, NO_DECAY, EngineConfig.defaults().withInterim(false), clock, 2,
                key -> key.byValue().equals("X") ? 1 : 0);
        engine.accept(Fleet.event(at(0, 10), "h1", "X", "u", "1.2.3.4"));
        common(engine, 0, 3); // share 0's watermark passes bucket 1; share 1's is still in bucket 0
        assertThat(engine.bucketsClosed()).as("share 1 has not closed bucket 0").isZero();
        // for a single watermark over the whole input this would be late; share 1 has not closed bucket 0
        assertThat(engine.accept(Fleet.event(at(0, 20), "h2", "X", "u", "1.2.3.4")).kind())
                .isEqualTo(BucketEngine.Outcome.Kind.ACCEPTED);
        engine.accept(Fleet.event(at(2, 200), "h1", "X", "u", "1.2.3.4"));
        assertThat(engine.bucketsClosed()).isEqualTo(2);
        assertThat(engine.model().lastLearnedBucket()).isEqualTo(at(1, 0).toEpochMilli());
        assertThat(engine.accept(Fleet.event(at(1, 20), "h2", "X", "u", "1.2.3.4")).kind())
                .isEqualTo(BucketEngine.Outcome.Kind.LATE);
    }

    @Test
    void recordIdsAreStable() {
        String id = RecordFactory.recordId("job", new io.netrare.schema.spi.EntityKey("", "xmrig"), 0);
        assertThat(id).hasSize(32).isEqualTo(RecordFactory.recordId("job", io.netrare.schema.spi.EntityKey.of("xmrig"), 0));
        assertThat(id).isNotEqualTo(RecordFactory.recordId("job", io.netrare.schema.spi.EntityKey.of("xmrig"), SPAN));
        assertThat(FirstSeenConfig.defaults().historyWindow()).isEqualTo(Duration.ofDays(14));
    }
}
