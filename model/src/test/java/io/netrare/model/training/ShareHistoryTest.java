package io.netrare.model.training;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.netrare.schema.ModelSnapshot;
import io.netrare.schema.spi.SnapshotCheck;
import io.netrare.schema.spi.SnapshotCheck.OnMismatch;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A restarted share restores only a snapshot of its own model type and format version. */
class ShareHistoryTest {

    private static final String JOB = "job";

    private static ModelSnapshot message(String type, int format, String kind, long bucket, long version) {
        return new ModelSnapshot(ModelSnapshot.SCHEMA_VERSION, JOB, type, format, 0, 1, bucket, version, kind,
                Instant.EPOCH, JsonNodeFactory.instance.objectNode());
    }

    private static ShareHistory history() {
        ShareHistory h = new ShareHistory();
        h.add(message("rare", 1, ModelSnapshot.KIND_DELTA, 900_000, 1), JOB);
        h.add(message("rare", 1, ModelSnapshot.KIND_DELTA, 1_800_000, 2), JOB);
        h.add(message("rare", 1, ModelSnapshot.KIND_SNAPSHOT, 1_800_000, 3), JOB);
        h.add(message("rare", 1, ModelSnapshot.KIND_DELTA, 2_700_000, 4), JOB);
        return h;
    }

    @Test
    void aSnapshotOfTheSameTypeAndVersionIsRestored() {
        ShareHistory.Share share = history().share(0, new SnapshotCheck("rare", 1, OnMismatch.fail));
        assertThat(share.snapshot()).isNotNull();
        assertThat(share.deltasAfter()).extracting(ModelSnapshot::bucket).containsExactly(2_700_000L);
    }

    @Test
    void aSnapshotOfAnotherModelTypeIsAClearError() {
        assertThatThrownBy(() -> history().share(0, new SnapshotCheck("peer_rare", 1, OnMismatch.fail)))
                .isInstanceOf(SnapshotCheck.SnapshotMismatchException.class)
                .hasMessageContaining("written by model type 'rare' format version 1")
                .hasMessageContaining("this service runs model type 'peer_rare' format version 1")
                .hasMessageContaining("job.on_snapshot_mismatch: fresh");
    }

    @Test
    void aSnapshotOfAnotherFormatVersionIsAClearError() {
        assertThatThrownBy(() -> history().share(0, new SnapshotCheck("rare", 2, OnMismatch.fail)))
                .hasMessageContaining("model type 'rare' format version 1")
                .hasMessageContaining("model type 'rare' format version 2");
    }

    @Test
    void freshRebuildsFromEveryDeltaInsteadOfRestoringTheWrongModel() {
        ShareHistory.Share share = history().share(0, new SnapshotCheck("first_seen", 1, OnMismatch.fresh));
        assertThat(share.snapshot()).isNull();
        assertThat(share.deltasAfter()).extracting(ModelSnapshot::bucket).containsExactly(900_000L, 1_800_000L, 2_700_000L);
        assertThat(share.lastVersion()).isEqualTo(4);
    }
}
