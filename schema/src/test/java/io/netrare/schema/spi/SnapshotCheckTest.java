package io.netrare.schema.spi;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.netrare.schema.Json;
import io.netrare.schema.ModelSnapshot;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SnapshotCheckTest {

    private static ModelSnapshot snapshot(String type, int format) {
        return new ModelSnapshot(ModelSnapshot.SCHEMA_VERSION, "job", type, format, 2, 4, 0, 1,
                ModelSnapshot.KIND_SNAPSHOT, Instant.EPOCH, JsonNodeFactory.instance.objectNode());
    }

    @Test
    void aSnapshotOfTheRunningTypeAndVersionIsRestorable() {
        assertThat(new SnapshotCheck("rare", 1, SnapshotCheck.OnMismatch.fail).restorable(snapshot("rare", 1))).isTrue();
    }

    @Test
    void aModelTypeMismatchIsAClearError() {
        SnapshotCheck check = new SnapshotCheck("first_seen", 1, SnapshotCheck.OnMismatch.fail);
        assertThatThrownBy(() -> check.restorable(snapshot("rare", 1)))
                .isInstanceOf(SnapshotCheck.SnapshotMismatchException.class)
                .hasMessageContaining("job job share 2 was written by model type 'rare' format version 1")
                .hasMessageContaining("runs model type 'first_seen' format version 1");
    }

    @Test
    void freshLeavesAMismatchOutInsteadOfFailing() {
        SnapshotCheck check = new SnapshotCheck("rare", 2, SnapshotCheck.OnMismatch.fresh);
        assertThat(check.restorable(snapshot("rare", 1))).isFalse();
        assertThat(check.mismatch(snapshot("rare", 1))).contains("format version 1", "format version 2");
    }

    @Test
    void aSnapshotWrittenBeforeFormatVersionsReadsAsVersionOne() {
        String old = """
                {"schema_version":1,"job_id":"job","model_type":"rare","model_partition":0,"partitions":1,
                 "bucket":0,"version":1,"kind":"snapshot","state":{}}""";
        assertThat(Json.read(old, ModelSnapshot.class).formatVersion()).isEqualTo(1);
    }
}
