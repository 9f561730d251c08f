package io.netrare.runtime.bucket;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;

import static java.util.Objects.requireNonNull;

/**
 * The event-time buckets of one share of the input (one partition of the events topic, or the slice of a
 * file that would land in it): the buckets still open, the watermark, idle close and late events. The
 * training service, the streaming scorer and the offline engine all place and close buckets through this
 * class, so they agree on which events are late and what every closed bucket held.
 *
 * <ul>
 *   <li>An event goes to the bucket of its event time, unless that bucket has closed: then it is
 *       {@link Placement#LATE}, or {@link Placement#REPLAYED} when it lies before the position read before
 *       a restart (it was placed then).</li>
 *   <li>The watermark is the share's latest event time minus the latency; a bucket closes when the
 *       watermark reaches its end ({@link #closeByWatermark}).</li>
 *   <li>On idle input, buckets close by wall clock: only open buckets whose end plus the latency has
 *       passed ({@link #closeIdle}). A bucket whose end is still ahead of the clock stays open however long
 *       the input is quiet, so a live event after a pause is never late. A replay of old events has every
 *       bucket end in the past, so idle close then closes every open bucket.</li>
 *   <li>{@link #closeAll} closes everything: the end of a finite input.</li>
 * </ul>
 *
 * <p>Positions are the offsets of the share's events (any increasing sequence). {@link #position()} is the
 * state a commit carries across a restart; restoring from it gives the same decisions on the events read
 * again. Plain Java, no clock of its own, not thread-safe.
 *
 * @param <B> what an open bucket collects
 */
public final class EventTimeBuckets<B> {

    /** What became of one event. */
    public enum Placement { ADDED, LATE, REPLAYED }

    /** Where one event went; {@code bucket} is the open bucket it was added to, null unless added. */
    public record Placed<B>(Placement placement, long bucketStart, B bucket) {
    }

    /**
     * A bucket that has just closed.
     *
     * @param sourcePosition the position read when it closed: every event placed in it lies before
     */
    public record Closed<B>(long start, B bucket, long sourcePosition) {
    }

    private static final class Open<B> {
        final B content;
        long firstPosition = Long.MAX_VALUE;

        Open(B content) {
            this.content = content;
        }
    }

    private final long spanMillis;
    private final long latencyMillis;
    private final LongFunction<B> newBucket;
    private final TreeMap<Long, Open<B>> open = new TreeMap<>();
    private final long replayUntil;
    private long lastClosed;
    private long maxEventTime;
    private long position;

    /**
     * @param spanMillis    the bucket span; buckets are aligned to the epoch
     * @param latencyMillis how far the watermark trails the latest event time
     * @param newBucket     makes the content of a new open bucket from its start
     * @param restored      the state of the last commit, or {@link SharePosition#START}
     */
    public EventTimeBuckets(long spanMillis, long latencyMillis, LongFunction<B> newBucket, SharePosition restored) {
        if (spanMillis <= 0 || latencyMillis < 0) {
            throw new IllegalArgumentException("span must be positive and latency not negative");
        }
        this.spanMillis = spanMillis;
        this.latencyMillis = latencyMillis;
        this.newBucket = requireNonNull(newBucket, "newBucket is null");
        requireNonNull(restored, "restored is null");
        this.lastClosed = restored.lastClosed();
        this.maxEventTime = restored.maxEventTime();
        this.replayUntil = restored.position();
    }

    /** The start of the bucket holding an instant. */
    public long bucketStart(long epochMillis) {
        return Math.floorDiv(epochMillis, spanMillis) * spanMillis;
    }

    /** Places an event read at {@code at}; the caller adds it to the returned bucket when it was added. */
    public Placed<B> add(long eventTimeMillis, long at) {
        position = Math.max(position, at + 1);
        long start = bucketStart(eventTimeMillis);
        if (lastClosed != Long.MIN_VALUE && start <= lastClosed) {
            return new Placed<>(at < replayUntil ? Placement.REPLAYED : Placement.LATE, start, null);
        }
        maxEventTime = Math.max(maxEventTime, eventTimeMillis);
        Open<B> bucket = open.computeIfAbsent(start, s -> new Open<>(newBucket.apply(s)));
        bucket.firstPosition = Math.min(bucket.firstPosition, at);
        return new Placed<>(Placement.ADDED, start, bucket.content);
    }

    /** Closes the buckets the watermark has reached, oldest first. */
    public List<Closed<B>> closeByWatermark() {
        return maxEventTime == Long.MIN_VALUE ? List.of() : closeUpTo(maxEventTime - latencyMillis);
    }

    /**
     * Idle close, when the input has been idle (the caller decides when): closes by wall clock the open
     * buckets whose end plus the latency is at or before {@code nowMillis}. A bucket ending later stays
     * open, and the share never closes past its last open bucket: events of later buckets, still on their
     * way, are not made late by a pause.
     */
    public List<Closed<B>> closeIdle(long nowMillis) {
        if (open.isEmpty()) {
            return List.of();
        }
        return closeUpTo(Math.min(nowMillis - latencyMillis, open.lastKey() + spanMillis));
    }

    /** Closes every open bucket: the end of a finite input. */
    public List<Closed<B>> closeAll() {
        return open.isEmpty() ? List.of() : closeUpTo(open.lastKey() + spanMillis);
    }

    /**
     * Closes every bucket ending at or before {@code watermark}, oldest first. Buckets without events close
     * too: {@link #lastClosed()} advances to the last bucket ending at or before the watermark.
     */
    public List<Closed<B>> closeUpTo(long watermark) {
        List<Closed<B>> closed = new ArrayList<>();
        while (!open.isEmpty() && open.firstKey() + spanMillis <= watermark) {
            Map.Entry<Long, Open<B>> e = open.pollFirstEntry();
            closed.add(new Closed<>(e.getKey(), e.getValue().content, position));
        }
        long newLastClosed = bucketStart(watermark) - spanMillis;
        if (newLastClosed > lastClosed) {
            lastClosed = newLastClosed;
        }
        return closed;
    }

    /** The last bucket closed, or {@link Long#MIN_VALUE}. */
    public long lastClosed() {
        return lastClosed;
    }

    /** The latest event time placed in an open bucket, or {@link Long#MIN_VALUE}. */
    public long maxEventTime() {
        return maxEventTime;
    }

    public boolean hasOpenBuckets() {
        return !open.isEmpty();
    }

    /** The content of an open bucket, or null. */
    public B bucket(long start) {
        Open<B> b = open.get(start);
        return b == null ? null : b.content;
    }

    /** The earliest open bucket, or {@link Long#MIN_VALUE} when none is open. */
    public long earliestOpen() {
        return open.isEmpty() ? Long.MIN_VALUE : open.firstKey();
    }

    /** Counts positions up to {@code next} as read (records skipped or dead-lettered). */
    public void advanceTo(long next) {
        position = Math.max(position, next);
    }

    /** Where a restart must read from: the first event of a bucket still open, else the read position. */
    public long committableOffset() {
        long first = position;
        for (Open<B> b : open.values()) {
            first = Math.min(first, b.firstPosition);
        }
        return first;
    }

    /** The state a commit carries: read position, watermark input and last closed bucket. */
    public SharePosition position() {
        return new SharePosition(Math.max(position, replayUntil), maxEventTime, lastClosed);
    }
}
