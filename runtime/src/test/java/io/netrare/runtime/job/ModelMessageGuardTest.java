package io.netrare.runtime.job;

import io.netrare.schema.Json;
import io.netrare.schema.ModelSnapshot;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelMessageGuardTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private static final long BUCKET = NOW.minus(Duration.ofMinutes(30)).toEpochMilli();
    private final ModelMessageGuard guard = ModelMessageGuard.defaults();

    private static ModelSnapshot message(int partition, int partitions, long bucket, String kind) {
        return new ModelSnapshot(ModelSnapshot.SCHEMA_VERSION, "job", "rare", 1, partition, partitions, bucket, 1, kind,
                NOW, Json.mapper().createObjectNode().put("x", 1));
    }

    private String reason(ModelSnapshot m) {
        return guard.check(m, m.kafkaKey(), NOW).orElse(null);
    }

    @Test
    void wellFormedDeltasAndSnapshotsPass() {
        assertThat(reason(message(0, 2, BUCKET, ModelSnapshot.KIND_DELTA))).isNull();
        assertThat(reason(message(1, 2, BUCKET, ModelSnapshot.KIND_SNAPSHOT))).isNull();
        assertThat(reason(message(1, 2, NOW.plus(Duration.ofMinutes(4)).toEpochMilli(), ModelSnapshot.KIND_DELTA))).isNull();
    }

    @Test
    void nonsenseIsRefusedWithItsReason() {
        assertThat(reason(message(0, 2, BUCKET, "patch"))).contains("unknown kind 'patch'");
        assertThat(reason(message(2, 2, BUCKET, ModelSnapshot.KIND_DELTA))).contains("out of range");
        assertThat(reason(message(-1, 2, BUCKET, ModelSnapshot.KIND_DELTA))).contains("out of range");
        assertThat(reason(message(0, 0, BUCKET, ModelSnapshot.KIND_DELTA))).contains("out of range");
        assertThat(reason(message(0, 2, -900_000, ModelSnapshot.KIND_DELTA))).contains("negative");
        assertThat(reason(message(0, 2, Instant.parse("2100-01-01T00:00:00Z").toEpochMilli(), ModelSnapshot.KIND_DELTA)))
                .contains("after the clock");
        ModelSnapshot noState = new ModelSnapshot(ModelSnapshot.SCHEMA_VERSION, "job", "rare", 1, 0, 2, BUCKET, 1,
                ModelSnapshot.KIND_DELTA, NOW, null);
        assertThat(reason(noState)).contains("no state");
        ModelSnapshot m = message(0, 2, BUCKET, ModelSnapshot.KIND_DELTA);
        assertThat(guard.check(m, "other-job/0/" + BUCKET, NOW)).hasValueSatisfying(r -> assertThat(r).contains("key"));
        assertThatThrownBy(() -> guard.require(m, null, NOW)).isInstanceOf(ModelMessageGuard.InvalidModelMessageException.class);
    }

    @Test
    void theShareCountMustBeTheEventsTopicsPartitionCountWhenKnown() {
        ModelSnapshot m = message(0, 1000, BUCKET, ModelSnapshot.KIND_DELTA);
        assertThat(guard.check(m, m.kafkaKey(), NOW, 0)).isEmpty();
        assertThat(guard.check(m, m.kafkaKey(), NOW, 4)).hasValueSatisfying(r -> assertThat(r).contains("has 4 partitions"));
        ModelSnapshot ok = message(3, 4, BUCKET, ModelSnapshot.KIND_DELTA);
        assertThat(guard.check(ok, ok.kafkaKey(), NOW, 4)).isEmpty();
    }
}
