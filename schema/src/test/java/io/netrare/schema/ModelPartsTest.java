package io.netrare.schema;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelPartsTest {

    private static ModelSnapshot message(String kind, long version, int entries) {
        ObjectNode state = Json.mapper().createObjectNode();
        ArrayNode rows = state.putArray("rows");
        for (int i = 0; i < entries; i++) {
            // quotes, backslashes, a control character, two- and three-byte characters and a surrogate pair
            rows.add("h\"ost\\-" + i + "\t-é-€-\uD83D\uDE00-" + "x".repeat(i % 50));
        }
        return new ModelSnapshot(ModelSnapshot.SCHEMA_VERSION, "job", "peer_rare", 1, 2, 4, 1_772_360_100_000L, version,
                kind, Instant.parse("2026-03-01T10:31:00Z"), state);
    }

    @Test
    void aMessageThatFitsIsWrittenWholeAsBefore() {
        ModelSnapshot m = message(ModelSnapshot.KIND_DELTA, 1, 10);
        assertThat(ModelParts.split(m, 100_000)).containsExactly(m);
        assertThat(Json.writeString(m)).doesNotContain("\"part\"", "\"parts\"");
        assertThat(m.kafkaKey()).isEqualTo("job/2/1772360100000");
    }

    @Test
    void everyPartFitsTheBudgetHasItsOwnKeyAndTheyMakeTheWholeAgain() {
        ModelSnapshot m = message(ModelSnapshot.KIND_DELTA, 5, 3_000);
        int budget = 8_192;
        List<ModelSnapshot> parts = ModelParts.split(m, budget);
        assertThat(parts).hasSizeGreaterThan(10).allSatisfy(p -> {
            assertThat(Json.write(p).length).isLessThanOrEqualTo(budget);
            assertThat(p.parts()).isEqualTo(parts.size());
            assertThat(Json.read(Json.write(p), ModelSnapshot.class)).isEqualTo(p);
        });
        assertThat(parts).extracting(ModelSnapshot::kafkaKey).doesNotHaveDuplicates()
                .startsWith("job/2/1772360100000/part/0");

        ModelParts.Assembler assembler = new ModelParts.Assembler();
        List<Optional<ModelSnapshot>> out = new ArrayList<>();
        parts.forEach(p -> out.add(assembler.add(Json.read(Json.write(p), ModelSnapshot.class))));
        assertThat(out.subList(0, parts.size() - 1)).allMatch(Optional::isEmpty);
        assertThat(out.get(parts.size() - 1)).contains(m);
        assertThat(assembler.pending()).isZero();
    }

    @Test
    void aSnapshotSplitAgainReplacesTheKeysOfTheLastOne() {
        List<ModelSnapshot> first = ModelParts.split(message(ModelSnapshot.KIND_SNAPSHOT, 5, 3_000), 8_192);
        List<ModelSnapshot> next = ModelParts.split(message(ModelSnapshot.KIND_SNAPSHOT, 9, 3_000), 8_192);
        assertThat(next.get(0).kafkaKey()).isEqualTo(first.get(0).kafkaKey()).isEqualTo("job/2/part/0");
    }

    @Test
    void partsThatDoNotContinueAMessageAreDroppedWithWhatWasPending() {
        List<ModelSnapshot> old = ModelParts.split(message(ModelSnapshot.KIND_SNAPSHOT, 5, 3_000), 8_192);
        List<ModelSnapshot> next = ModelParts.split(message(ModelSnapshot.KIND_SNAPSHOT, 9, 2_000), 8_192);
        ModelParts.Assembler assembler = new ModelParts.Assembler();
        // what compaction leaves: the older snapshot's parts past the newer one's count, then the newer one
        for (ModelSnapshot p : old.subList(next.size(), old.size())) {
            assertThat(assembler.add(p)).isEmpty();
        }
        assertThat(assembler.dropped()).isEqualTo(old.size() - next.size());
        // a newer message begun and cut off: dropped when another message of the share starts
        assertThat(assembler.add(next.get(0))).isEmpty();
        Optional<ModelSnapshot> whole = Optional.empty();
        for (ModelSnapshot p : next) {
            whole = assembler.add(p);
        }
        assertThat(whole).contains(message(ModelSnapshot.KIND_SNAPSHOT, 9, 2_000));
        assertThat(assembler.dropped()).isEqualTo(old.size() - next.size() + 1);
    }

    @Test
    void aBudgetTooSmallForTheEnvelopeIsRefused() {
        assertThatThrownBy(() -> ModelParts.split(message(ModelSnapshot.KIND_DELTA, 1, 100), 600))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no room");
        assertThatThrownBy(() -> ModelParts.budget(2048)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ModelParts.budget(1_048_576)).isEqualTo(1_048_576 - ModelParts.FRAMING);
    }
}
