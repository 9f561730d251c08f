package io.netrare.runtime.kafka;

import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetrierTest {

    /** A clock that the sleeper moves forward: no real waiting. */
    private static final class FakeTime extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        final List<Duration> sleeps = new ArrayList<>();

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void sleep(Duration d) {
            sleeps.add(d);
            now = now.plus(d);
        }
    }

    private final RetrySettings settings = new RetrySettings(Duration.ofMillis(100), Duration.ofSeconds(1), 2.0, Duration.ofSeconds(3));

    @Test
    void backoffGrowsExponentiallyUpToTheCap() {
        assertThat(settings.backoff(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(settings.backoff(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(settings.backoff(4)).isEqualTo(Duration.ofMillis(800));
        assertThat(settings.backoff(5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.backoff(30)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void retriesRetriableErrorsUntilSuccess() throws Exception {
        FakeTime time = new FakeTime();
        AtomicInteger calls = new AtomicInteger();
        List<Integer> retries = new ArrayList<>();
        new Retrier(settings, time, time::sleep).run(() -> {
            if (calls.incrementAndGet() < 3) {
                throw new RetriableProcessingException("downstream busy");
            }
        }, (n, e) -> retries.add(n));
        assertThat(calls).hasValue(3);
        assertThat(retries).containsExactly(1, 2);
        assertThat(time.sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void givesUpAtTheDeadline() {
        FakeTime time = new FakeTime();
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> new Retrier(settings, time, time::sleep).run(() -> {
            calls.incrementAndGet();
            throw new TimeoutException("kafka timeout"); // a Kafka RetriableException
        }, (n, e) -> { })).isInstanceOf(TimeoutException.class);
        // 100 + 200 + 400 + 800 + 1000 = 2500 ms; the next 1000 ms wait would pass the 3 s deadline
        assertThat(time.sleeps).hasSize(5);
        assertThat(calls).hasValue(6);
    }

    @Test
    void doesNotRetryOtherErrors() {
        FakeTime time = new FakeTime();
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> new Retrier(settings, time, time::sleep).run(() -> {
            calls.incrementAndGet();
            throw new IllegalArgumentException("bad input");
        }, (n, e) -> { })).isInstanceOf(IllegalArgumentException.class);
        assertThat(calls).hasValue(1);
        assertThat(time.sleeps).isEmpty();
    }

    @Test
    void aStageExceptionIsRetriableWhenItsCauseIs() {
        assertThat(Retrier.isRetriable(new StageException("score", new RetriableProcessingException("x")))).isTrue();
        assertThat(Retrier.isRetriable(new StageException("score", new IllegalStateException("x")))).isFalse();
    }

    @Test
    void settingsRejectNonsense() {
        assertThatThrownBy(() -> new RetrySettings(Duration.ofSeconds(2), Duration.ofSeconds(1), 2, Duration.ofSeconds(1)))
                .hasMessageContaining("max_backoff");
        assertThatThrownBy(() -> new RetrySettings(Duration.ZERO, Duration.ZERO, 0.5, Duration.ZERO))
                .hasMessageContaining("multiplier");
        assertThatThrownBy(() -> new RetrySettings(Duration.ZERO, Duration.ZERO, 1, Duration.ofMinutes(10)))
                .hasMessageContaining("deadline");
    }

    @Test
    void loopSettingsPickThePolicyPerStage() {
        LoopSettings s = new LoopSettings("", 10, Duration.ofMillis(50), FailurePolicy.FAIL,
                java.util.Map.of("parse", FailurePolicy.DEAD_LETTER, "enrich", FailurePolicy.SKIP), RetrySettings.none(), null);
        assertThat(s.policyFor("parse")).isEqualTo(FailurePolicy.DEAD_LETTER);
        assertThat(s.policyFor("enrich")).isEqualTo(FailurePolicy.SKIP);
        assertThat(s.policyFor("process")).isEqualTo(FailurePolicy.FAIL);
    }
}
