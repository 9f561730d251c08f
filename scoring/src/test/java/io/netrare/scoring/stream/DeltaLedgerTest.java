package io.netrare.scoring.stream;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** A delta becomes deletable once its share's training snapshot and every scoring snapshot cover it, not before. */
class DeltaLedgerTest {

    private static byte[] key(int share, long bucket) {
        return ("job/" + share + "/" + bucket).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void deletableOnlyPastBothTheTrainingSnapshotOfItsShareAndTheScoringFloor() {
        DeltaLedger ledger = new DeltaLedger();
        for (long b = 1; b <= 10; b++) {
            ledger.delta(0, key(0, b), 0, b);
            ledger.delta(0, key(1, b), 1, b);
        }
        assertThat(ledger.takeDeletable(Long.MIN_VALUE)).as("a partition without a scoring snapshot").isEmpty();
        assertThat(ledger.takeDeletable(8)).as("no training snapshot yet").isEmpty();
        ledger.trainingSnapshot(0, 6);
        ledger.trainingSnapshot(1, 9);
        assertThat(ledger.takeDeletable(8)).extracting(DeltaLedger.Stored::share, DeltaLedger.Stored::bucket)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0, 1L), org.assertj.core.groups.Tuple.tuple(1, 1L),
                        org.assertj.core.groups.Tuple.tuple(0, 2L), org.assertj.core.groups.Tuple.tuple(1, 2L),
                        org.assertj.core.groups.Tuple.tuple(0, 3L), org.assertj.core.groups.Tuple.tuple(1, 3L),
                        org.assertj.core.groups.Tuple.tuple(0, 4L), org.assertj.core.groups.Tuple.tuple(1, 4L),
                        org.assertj.core.groups.Tuple.tuple(0, 5L), org.assertj.core.groups.Tuple.tuple(1, 5L),
                        org.assertj.core.groups.Tuple.tuple(0, 6L), org.assertj.core.groups.Tuple.tuple(1, 6L),
                        org.assertj.core.groups.Tuple.tuple(1, 7L), org.assertj.core.groups.Tuple.tuple(1, 8L));
        assertThat(ledger.takeDeletable(8)).as("taken once").isEmpty();
        assertThat(ledger.size()).isEqualTo(6);
        ledger.deleted(0, key(1, 10));
        assertThat(ledger.size()).isEqualTo(5);
    }

    @Test
    void theBookKeepsTheLedgerFromWhatTheReaderHandsIn() {
        DeltaBook book = new DeltaBook("job");
        io.netrare.schema.ModelSnapshot delta = new io.netrare.schema.ModelSnapshot(1, "job", "rare", 1, 0, 1, 5, 1,
                io.netrare.schema.ModelSnapshot.KIND_DELTA, java.time.Instant.EPOCH,
                io.netrare.schema.Json.mapper().createObjectNode());
        io.netrare.schema.ModelSnapshot snapshot = new io.netrare.schema.ModelSnapshot(1, "job", "rare", 1, 0, 1, 5, 2,
                io.netrare.schema.ModelSnapshot.KIND_SNAPSHOT, java.time.Instant.EPOCH,
                io.netrare.schema.Json.mapper().createObjectNode());
        book.offer(delta, 0, key(0, 5));
        book.offer(snapshot, 0, "job/0".getBytes(StandardCharsets.UTF_8));
        assertThat(book.ledger().takeDeletable(5)).singleElement()
                .satisfies(d -> assertThat(new String(d.key(), StandardCharsets.UTF_8)).isEqualTo("job/0/5"));
    }
}
