package io.netrare.runtime.bucket;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Joins the buckets that several shares close into fleet-wide buckets: bucket <i>t</i> is complete once
 * every share has closed it, and then holds what each share had in it (shares that had nothing in it add
 * nothing). The offline engine joins its shares' {@link EventTimeBuckets} with it; the scoring service
 * joins the training shares' deltas read from the models topic. Plain Java, not thread-safe.
 *
 * @param <B> what one share contributes to one bucket
 */
public final class ShareJoin<B> {

    /** A complete bucket: every share's contribution, by share. */
    public record Complete<B>(long start, Map<Integer, B> byShare) {
    }

    private final TreeMap<Long, Map<Integer, B>> buckets = new TreeMap<>();
    private final Map<Integer, Long> closedUpTo = new HashMap<>();
    private int shares;

    /** @param shares how many shares there are; 0 when not known yet (see {@link #expect}) */
    public ShareJoin(int shares) {
        this.shares = shares;
    }

    /** Raises the number of shares (a share's message says how many there are). */
    public void expect(int n) {
        shares = Math.max(shares, n);
    }

    public int shares() {
        return shares;
    }

    /** A share's contribution to a bucket it has closed. */
    public void add(int share, long bucket, B contribution) {
        buckets.computeIfAbsent(bucket, b -> new TreeMap<>()).put(share, contribution);
        closed(share, bucket);
    }

    /** A share has closed every bucket up to and including {@code bucket}. */
    public void closed(int share, long bucket) {
        if (bucket != Long.MIN_VALUE) {
            closedUpTo.merge(share, bucket, Math::max);
        }
    }

    /** How far a share has closed, or {@link Long#MIN_VALUE}. */
    public long closedUpTo(int share) {
        return closedUpTo.getOrDefault(share, Long.MIN_VALUE);
    }

    /** True when every share has closed the bucket. */
    public boolean complete(long bucket) {
        if (shares == 0 || closedUpTo.size() < shares) {
            return false;
        }
        for (long upTo : closedUpTo.values()) {
            if (upTo < bucket) {
                return false;
            }
        }
        return true;
    }

    /** True when at least one share has closed the bucket. */
    public boolean started(long bucket) {
        for (long upTo : closedUpTo.values()) { // asked at every poll while a bucket waits: no stream
            if (upTo >= bucket) {
                return true;
            }
        }
        return false;
    }

    /** The earliest bucket with a contribution after {@code after}, or {@link Long#MIN_VALUE}. */
    public long next(long after) {
        Long next = after == Long.MIN_VALUE ? (buckets.isEmpty() ? null : buckets.firstKey()) : buckets.higherKey(after);
        return next == null ? Long.MIN_VALUE : next;
    }

    /** What the shares contributed to a bucket so far, by share. */
    public Map<Integer, B> contributions(long bucket) {
        return buckets.getOrDefault(bucket, Map.of());
    }

    /** Removes and returns, oldest first, the complete buckets holding contributions. */
    public List<Complete<B>> takeComplete() {
        List<Complete<B>> out = new ArrayList<>();
        while (!buckets.isEmpty() && complete(buckets.firstKey())) {
            Map.Entry<Long, Map<Integer, B>> e = buckets.pollFirstEntry();
            out.add(new Complete<>(e.getKey(), e.getValue()));
        }
        return out;
    }

    /** Removes and returns every bucket holding contributions, complete or not (the end of a finite input). */
    public List<Complete<B>> takeAll() {
        List<Complete<B>> out = new ArrayList<>();
        while (!buckets.isEmpty()) {
            Map.Entry<Long, Map<Integer, B>> e = buckets.pollFirstEntry();
            out.add(new Complete<>(e.getKey(), e.getValue()));
        }
        return out;
    }

    /** Forgets the buckets up to and including {@code bucket}. */
    public void forget(long bucket) {
        buckets.headMap(bucket, true).clear();
    }

    /** The buckets holding contributions, oldest first. */
    public List<Long> buckets() {
        return List.copyOf(buckets.keySet());
    }
}
