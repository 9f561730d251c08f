package io.netrare.models.rare;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The eviction order the capped models share. */
class CapEvictionTest {

    @SafeVarargs
    private static List<CapEviction.Candidate<String>> candidates(CapEviction.Candidate<String>... c) {
        return new ArrayList<>(List.of(c));
    }

    @Test
    void idleFirstWhateverTheCountThenLeastRecentlySeenThenSmallerCountThenKeyDownToOnePercentUnderTheCap() {
        List<CapEviction.Candidate<String>> all = candidates(
                new CapEviction.Candidate<>("recent", 1, 90),
                new CapEviction.Candidate<>("idle-b", 50, 5),
                new CapEviction.Candidate<>("idle-a", 50, 5),
                new CapEviction.Candidate<>("older-big", 9, 60),
                new CapEviction.Candidate<>("older-small", 2, 60));
        // 101 held, cap 100: target 99, so two go beyond the idle ones
        assertThat(CapEviction.select(all, 101, 100, 10)).containsExactly("idle-a", "idle-b");
        assertThat(CapEviction.select(all, 103, 100, 10))
                .containsExactly("idle-a", "idle-b", "older-small", "older-big");
        assertThat(CapEviction.select(all, 99, 100, Long.MIN_VALUE)).as("at the target, nothing idle: nothing").isEmpty();
    }

    @Test
    void theTargetIsOnePercentUnderTheCapAndAtLeastOneUnder() {
        assertThat(CapEviction.target(50_000)).isEqualTo(49_500);
        assertThat(CapEviction.target(5)).isEqualTo(4);
    }
}
