package io.netrare.alerting;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PartitionedDedupStoreTest {

    @Test
    void idsAreKeptPerPartitionAndADroppedPartitionStartsEmpty() {
        PartitionedDedupStore store = new PartitionedDedupStore();
        store.select(0);
        assertThat(store.add("a")).isTrue();
        assertThat(store.add("a")).isFalse();
        store.select(1);
        assertThat(store.contains("a")).isFalse();
        store.add("b");
        assertThat(store.size()).isEqualTo(2);

        store.drop(1);
        assertThatThrownBy(() -> store.contains("b")).isInstanceOf(IllegalStateException.class);
        store.select(1);
        assertThat(store.contains("b")).isFalse();
        store.select(0);
        assertThat(store.contains("a")).isTrue();
    }
}
