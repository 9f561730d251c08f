package io.netrare.alerting;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PartitionedDedupStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void idsAreKeptPerPartitionAndADroppedPartitionStartsEmpty() {
        PartitionedDedupStore store = new PartitionedDedupStore();
        store.select(0);
        assertThat(store.add("a", T0)).isTrue();
        assertThat(store.add("a", T0)).isFalse();
        store.select(1);
        assertThat(store.contains("a")).isFalse();
        store.add("b", T0);
        assertThat(store.size()).isEqualTo(2);

        store.drop(1);
        assertThatThrownBy(() -> store.contains("b")).isInstanceOf(IllegalStateException.class);
        store.select(1);
        assertThat(store.contains("b")).isFalse();
        store.select(0);
        assertThat(store.contains("a")).isTrue();
    }

    @Test
    void expiryWorksOnTheSelectedPartitionOldestFirstAndKeepsTheCount() {
        PartitionedDedupStore store = new PartitionedDedupStore();
        store.select(0);
        store.add("a", T0);
        store.add("b", T0.plusSeconds(60));
        store.add("c", T0.plusSeconds(120));
        store.select(1);
        store.add("d", T0);
        assertThat(store.partitions()).containsExactlyInAnyOrder(0, 1);

        store.select(0);
        assertThat(store.expireBefore(T0.plusSeconds(61))).containsExactly("a", "b");
        assertThat(store.size()).isEqualTo(2);
        assertThat(store.remove("c")).isTrue();
        assertThat(store.remove("c")).isFalse();
        assertThat(store.size()).isEqualTo(1);
        store.select(1);
        assertThat(store.contains("d")).isTrue();
        store.drop(1);
        assertThat(store.size()).isZero();
    }
}
