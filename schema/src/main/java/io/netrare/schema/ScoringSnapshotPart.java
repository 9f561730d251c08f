package io.netrare.schema;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Arrays;

import static java.util.Objects.requireNonNull;

/**
 * One part of a scoring snapshot on the scoring snapshots topic, key {@code <job>/<partition>/<part>}. The scoring
 * service cuts its gzipped state into parts that each fit a producer request, and writes one copy per events partition
 * in the transaction that commits that partition; the training service reads only which bucket each partition's
 * latest snapshot covers ({@link ScoringSnapshotStore}), to know which deltas no restart needs.
 *
 * @param jobId     the job
 * @param partition the events partition whose commit this copy went with
 * @param bucket    the last bucket the snapshot's state has scored
 * @param part      this part's index, from 0
 * @param parts     how many parts the snapshot has
 * @param data      bytes {@code [part * size, ...)} of the snapshot's gzipped state
 */
public record ScoringSnapshotPart(@JsonProperty("job_id") String jobId, int partition, long bucket, int part, int parts,
                                  byte[] data) {

    public ScoringSnapshotPart {
        requireNonNull(jobId, "jobId is null");
        requireNonNull(data, "data is null");
        if (part < 0 || part >= parts) {
            throw new IllegalArgumentException("part " + part + " of " + parts);
        }
    }

    /** Key on the scoring snapshots topic: compaction keeps the latest of each part of each partition's copy. */
    public String key() {
        return key(jobId, partition, part);
    }

    static String key(String jobId, int partition, int part) {
        return jobId + "/" + partition + "/" + part;
    }

    public byte[] encode() {
        return Json.write(this);
    }

    /** @throws Json.MalformedRecordException when the bytes are not a part */
    public static ScoringSnapshotPart decode(byte[] bytes) {
        return Json.read(bytes, ScoringSnapshotPart.class);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScoringSnapshotPart p && p.jobId.equals(jobId) && p.partition == partition
                && p.bucket == bucket && p.part == part && p.parts == parts && Arrays.equals(p.data, data);
    }

    @Override
    public int hashCode() {
        return key().hashCode() * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "ScoringSnapshotPart[" + key() + ", bucket=" + bucket + ", of " + parts + ", " + data.length + " bytes]";
    }
}
