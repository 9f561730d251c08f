package io.netrare.scoring.stream;

import io.netrare.runtime.bucket.ShareJoin;
import io.netrare.schema.Json;
import io.netrare.schema.ModelParts;
import io.netrare.schema.ModelSnapshot;
import io.netrare.schema.spi.BucketObservation;
import io.netrare.schema.spi.ShareDelta;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentLinkedQueue;

import static java.util.Objects.requireNonNull;

/**
 * What the scoring service knows of the training shares: every bucket delta and how far each share has
 * closed, joined by a {@link ShareJoin} (the same join the offline engine uses on its own shares). A bucket
 * is complete when every share has closed it; its observation is the union of the shares' deltas (a share
 * without a delta had nothing in it). Messages arrive on the reader's thread through {@link #offer}, which puts
 * split messages together ({@link ModelParts}): a delta joins only once all its parts are in, so a bucket is never
 * complete with part of a share's delta. Everything else runs on the loop's thread.
 */
public final class DeltaBook {

    private final String jobId;
    private final ConcurrentLinkedQueue<ModelSnapshot> inbox = new ConcurrentLinkedQueue<>();
    private final ShareJoin<ShareDelta> join = new ShareJoin<>(0);
    /** Deltas of buckets up to this one are not kept: a scoring snapshot covers them (see {@link #skipUpTo}). */
    private volatile long floor = Long.MIN_VALUE;
    /** Used on the reader's thread only. */
    private final ModelParts.Assembler parts = new ModelParts.Assembler();

    public DeltaBook(String jobId) {
        this.jobId = requireNonNull(jobId, "jobId is null");
    }

    /**
     * From the models-topic reader's thread.
     *
     * @throws io.netrare.schema.Json.MalformedRecordException when the parts of a split message do not make JSON
     */
    public void offer(ModelSnapshot snapshot) {
        if (snapshot.jobId().equals(jobId)) {
            if (snapshot.isDelta() && snapshot.bucket() <= floor) {
                // a delta a scoring snapshot covers: only that its share closed the bucket matters, not its entities
                if (snapshot.part() == 0) { // the whole message, or the first of its parts
                    inbox.add(closedMark(snapshot));
                }
                return;
            }
            parts.add(snapshot).ifPresent(inbox::add);
        }
    }

    private static ModelSnapshot closedMark(ModelSnapshot delta) {
        return new ModelSnapshot(delta.schemaVersion(), delta.jobId(), delta.modelType(), delta.formatVersion(),
                delta.modelPartition(), delta.partitions(), delta.bucket(), delta.version(), ModelSnapshot.KIND_SNAPSHOT,
                delta.createdAt(), null);
    }

    /**
     * From now on, keeps of the deltas of buckets up to {@code bucket} only that their share closed them: no restart
     * needs them, since the scoring snapshots cover them. Any thread.
     */
    public void skipUpTo(long bucket) {
        floor = Math.max(floor, bucket);
    }

    /** Moves what arrived into the book; returns how many messages. */
    int drain() {
        int n = 0;
        for (ModelSnapshot s; (s = inbox.poll()) != null; n++) {
            join.expect(s.partitions());
            if (s.isDelta() && s.bucket() <= floor) {
                join.closed(s.modelPartition(), s.bucket());
            } else if (s.isDelta()) {
                join.add(s.modelPartition(), s.bucket(), Json.mapper().convertValue(s.state(), ShareDelta.class));
            } else {
                join.closed(s.modelPartition(), s.bucket());
            }
        }
        return n;
    }

    /** True when every share has closed the bucket. */
    boolean complete(long bucket) {
        return join.complete(bucket);
    }

    /** True when at least one share has closed the bucket (used for the share timeout). */
    boolean started(long bucket) {
        return join.started(bucket);
    }

    /** The earliest bucket with a delta after {@code after}. */
    OptionalLong nextDeltaBucket(long after) {
        long next = join.next(after);
        return next == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(next);
    }

    /** The union of every share's delta for a bucket. */
    BucketObservation observation(long bucket) {
        return ShareDelta.union(bucket, new ArrayList<>(join.contributions(bucket).values()));
    }

    /** Where the share's training consumer stood when it closed the bucket, or 0 when it had nothing in it. */
    long sourcePosition(long bucket, int share) {
        ShareDelta d = join.contributions(bucket).get(share);
        return d == null ? 0 : d.sourcePosition();
    }

    /** Forgets buckets up to and including {@code bucket}, once scored. */
    void forget(long bucket) {
        join.forget(bucket);
    }

    List<Long> bucketsWithDeltas() {
        return join.buckets();
    }
}
