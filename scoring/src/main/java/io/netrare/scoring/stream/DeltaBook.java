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
 *
 * <p>Bounded as buckets are scored: {@link #offer} queues a share snapshot as its closing alone (never its
 * state, the share's whole model) and a delta decoded, and a delta of a bucket already scored as its closing
 * alone; {@link #forget} drops the scored buckets. A message that does not decode is refused at {@link #offer}
 * (the service's reader dead-letters it), never on the loop's thread.
 */
public final class DeltaBook {

    private final String jobId;
    /** One message of the models topic as the book needs it: a share closed a bucket, with its delta or none. */
    private record Message(int share, int shares, long bucket, ShareDelta delta) {
    }

    private final ConcurrentLinkedQueue<Message> inbox = new ConcurrentLinkedQueue<>();
    private final ShareJoin<ShareDelta> join = new ShareJoin<>(0);
    /** The last bucket forgotten (scored); written on the loop's thread, read on the reader's. */
    private volatile long forgotten = Long.MIN_VALUE;
    /** Used on the reader's thread only. */
    private final ModelParts.Assembler parts = new ModelParts.Assembler();

    public DeltaBook(String jobId) {
        this.jobId = requireNonNull(jobId, "jobId is null");
    }

    /**
     * From the models-topic reader's thread.
     *
     * @throws IllegalArgumentException when a delta's state is not a delta
     * @throws io.netrare.schema.Json.MalformedRecordException when the parts of a split message do not make JSON
     */
    public void offer(ModelSnapshot snapshot) {
        if (snapshot.jobId().equals(jobId)) {
            if (snapshot.isDelta() && snapshot.bucket() <= forgotten) {
                // a delta already scored or covered by a scoring snapshot: only that its share closed the bucket
                // matters, so its parts are not even put together
                if (snapshot.part() == 0) { // the whole message, or the first of its parts
                    inbox.add(new Message(snapshot.modelPartition(), snapshot.partitions(), snapshot.bucket(), null));
                }
                return;
            }
            parts.add(snapshot).ifPresent(this::queue);
        }
    }

    /**
     * From now on, keeps of the deltas of buckets up to {@code bucket} only that their share closed them: no restart
     * needs them, since the scoring snapshots cover them (set before the models topic is read). Any thread.
     */
    public void skipUpTo(long bucket) {
        forgotten = Math.max(forgotten, bucket);
    }

    private void queue(ModelSnapshot whole) {
        ShareDelta delta = null;
        if (whole.isDelta() && whole.bucket() > forgotten) {
            delta = Json.mapper().convertValue(whole.state(), ShareDelta.class);
            if (delta == null) {
                throw new IllegalArgumentException("delta of bucket " + whole.bucket() + " has no state");
            }
        }
        inbox.add(new Message(whole.modelPartition(), whole.partitions(), whole.bucket(), delta));
    }

    /** Moves what arrived into the book; returns how many messages. */
    int drain() {
        int n = 0;
        for (Message m; (m = inbox.poll()) != null; n++) {
            join.expect(m.shares());
            if (m.delta() != null && m.bucket() > forgotten) {
                join.add(m.share(), m.bucket(), m.delta());
            } else {
                join.closed(m.share(), m.bucket());
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
        forgotten = Math.max(forgotten, bucket);
    }

    /** The last bucket whose deltas are not kept (scored, or covered by the scoring snapshots). */
    long forgotten() {
        return forgotten;
    }

    /** Messages read but not yet drained. */
    int inboxSize() {
        return inbox.size();
    }

    List<Long> bucketsWithDeltas() {
        return join.buckets();
    }
}
