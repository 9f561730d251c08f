package io.netrare.scoring.stream;

import io.netrare.schema.Json;
import io.netrare.schema.ModelParts;
import io.netrare.schema.ModelSnapshot;
import io.netrare.schema.spi.BucketObservation;
import io.netrare.schema.spi.EntityKey;
import io.netrare.schema.spi.JobSpec;
import io.netrare.schema.spi.ShareDelta;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The scoring join of deltas split into parts: a bucket is complete only once every part of every share is in. */
class DeltaBookPartsTest {

    private static final JobSpec JOB = JobSpec.anchorDefault();
    private static final long BUCKET = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();
    private static final int BUDGET = ModelParts.budget(1_048_576);

    private static BucketObservation tenThousandHosts() {
        TreeMap<EntityKey, BucketObservation.EntityActivity> entities = new TreeMap<>();
        for (String process : List.of("curl", "python3", "ssh", "node_exporter")) {
            TreeSet<String> hosts = new TreeSet<>();
            for (int h = 0; h < 10_000; h++) {
                hosts.add(String.format("host-%05d.fleet.example.internal", h));
            }
            entities.put(EntityKey.of(process), new BucketObservation.EntityActivity(10_000, hosts));
        }
        return new BucketObservation(BUCKET, entities);
    }

    private static ModelSnapshot message(int share, String kind, long version, ShareDelta state) {
        return new ModelSnapshot(ModelSnapshot.SCHEMA_VERSION, JOB.jobId(), "peer_rare", 1, share, 2, BUCKET, version,
                kind, Instant.EPOCH, Json.mapper().valueToTree(state));
    }

    @Test
    void aSplitDeltaJoinsOnlyOnceItsLastPartIsInAndEqualsTheBucket() {
        BucketObservation bucket = tenThousandHosts();
        List<ModelSnapshot> parts = ModelParts.split(message(0, ModelSnapshot.KIND_DELTA, 7, ShareDelta.of(bucket, 42)), BUDGET);
        assertThat(parts).hasSizeGreaterThan(1)
                .allSatisfy(p -> assertThat(Json.write(p).length).isLessThanOrEqualTo(BUDGET));

        DeltaBook book = new DeltaBook(JOB.jobId());
        book.offer(message(1, ModelSnapshot.KIND_DELTA, 3, ShareDelta.of(BucketObservation.empty(BUCKET), 5)));
        for (ModelSnapshot part : parts.subList(0, parts.size() - 1)) {
            book.offer(part);
            book.drain();
            assertThat(book.complete(BUCKET)).as("after part %d of %d", part.part(), part.parts()).isFalse();
            assertThat(book.sourcePosition(BUCKET, 0)).isZero();
        }
        book.offer(parts.get(parts.size() - 1));
        book.drain();
        assertThat(book.complete(BUCKET)).isTrue();
        assertThat(book.sourcePosition(BUCKET, 0)).isEqualTo(42);
        assertThat(book.observation(BUCKET)).isEqualTo(bucket);
    }

    @Test
    void partsOfASnapshotCutShortByCompactionAreLeftOut() {
        BucketObservation bucket = tenThousandHosts();
        List<ModelSnapshot> old = ModelParts.split(message(0, ModelSnapshot.KIND_SNAPSHOT, 7, ShareDelta.of(bucket, 42)), BUDGET);
        DeltaBook book = new DeltaBook(JOB.jobId());
        book.offer(message(1, ModelSnapshot.KIND_DELTA, 3, ShareDelta.of(BucketObservation.empty(BUCKET), 5)));
        // compaction kept only the last part of an older snapshot: it never closes the share's bucket
        book.offer(old.get(old.size() - 1));
        book.drain();
        assertThat(book.complete(BUCKET)).isFalse();
        old.forEach(book::offer);
        book.drain();
        assertThat(book.complete(BUCKET)).isTrue();
    }
}
