package io.netrare.runtime.job;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventTimeGuardTest {

    private static final Instant NOW = Instant.parse("2026-12-01T05:00:00Z");

    @Test
    void refusesTimesFurtherAheadOfTheClockThanTheLimit() {
        EventTimeGuard guard = EventTimeGuard.defaults();
        assertThat(guard.check(Instant.parse("2100-01-01T00:00:00Z"), NOW)).get().asString().contains("2100-01-01");
        assertThat(guard.check(NOW.plus(Duration.ofMinutes(6)), NOW)).isPresent();
        assertThatThrownBy(() -> guard.require(Instant.parse("2100-01-01T00:00:00Z"), NOW))
                .isInstanceOf(EventTimeGuard.InvalidEventTimeException.class);
    }

    @Test
    void acceptsThePastAndTheNearFuture() {
        EventTimeGuard guard = EventTimeGuard.defaults();
        assertThat(guard.check(Instant.parse("2020-01-01T00:00:00Z"), NOW)).isEmpty();
        assertThat(guard.check(NOW.plus(Duration.ofMinutes(5)), NOW)).isEmpty();
        assertThat(guard.check(null, NOW)).isPresent();
    }
}
