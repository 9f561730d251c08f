package io.netrare.ingest.audit;

import io.netrare.ingest.AuditReassemblyConfig;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * Groups auditd records into events by serial, following go-libaudit's reassembler rules:
 * <ul>
 * <li>records of an event may interleave with others and arrive out of order; kernel records (SYSCALL,
 * SOCKADDR, PROCTITLE...) complete on their EOE;</li>
 * <li>a message user space sent ({@link AuditRecordTypes#userspace}: SERVICE_START, USER_LOGIN...) is an event
 * of its own. The kernel gives it the serial of the syscall that carried it, so when that syscall is audited,
 * SYSCALL, SOCKADDR (netlink) and EOE of the same serial follow it. They join it while it is still held: a
 * user-space event is held until a record of another serial arrives (or a bound below). Records that arrive for
 * a user-space event already emitted are its tail, reported apart from late records;</li>
 * <li>an open event completes anyway when a record more than {@code window} newer (event time) was seen,
 * when more than {@code maxInFlight} events are open (the oldest first), or on {@link #expire} once it has
 * been open {@code timeout} by the clock given there.</li>
 * </ul>
 * Events leave in serial order (an older open event holds back newer complete ones, up to those bounds), so a
 * checkpoint can name one resume point. A complete event also waits, up to the same bounds, for a serial
 * missing just before it: the kernel numbers records when it starts them, so another CPU's record with a lower
 * serial may still be on its way; so does a stream's first event. A serial that never comes (lost records) is
 * counted as a gap. Serials are 32-bit and wrap (4294967295 -> 0): they are compared on a
 * 64-bit extension. A record for a serial already emitted is late, unless it is replayed input before the
 * resume point (skipped) or the tail of a user-space event.
 */
public final class AuditReassembler {

    /** Receives completed events, late records and the tails of user-space events. */
    public interface Listener {
        void event(AssembledEvent event);

        void late(AuditRecord record, long lastEmittedSequence);

        /** A kernel record of a serial whose user-space message was already emitted as an event. */
        default void userspaceTail(AuditRecord record) {
            late(record, record.sequence());
        }
    }

    private static final long WRAP = 1L << 32;
    private static final int TAIL_MEMORY = 1024;

    private final AuditReassemblyConfig config;
    private final int maxLines;
    private final Listener listener;
    private final TreeMap<Long, Pending> open = new TreeMap<>();
    /** Extended serials of recently emitted user-space events, oldest first (bounded). */
    private final LinkedHashSet<Long> userspaceEmitted = new LinkedHashSet<>();
    private long reference = -1;      // extended serial of the newest record, the base for extending others
    private long lastEmitted = Long.MIN_VALUE;
    private long replayUntil = -1;    // input before this offset was read before a restart
    private Instant newest = Instant.MIN;
    private Pending held;             // a user-space event that records of its serial may still join
    private long gaps;
    private long replayed;
    private long expired;

    public AuditReassembler(AuditReassemblyConfig config, int maxLinesPerEvent, Listener listener) {
        this.config = requireNonNull(config, "config is null");
        this.maxLines = maxLinesPerEvent;
        this.listener = requireNonNull(listener, "listener is null");
    }

    /** Resumes after a restart: serials up to this one were emitted before. */
    public void resumeAfter(long sequence) {
        resumeAfter(sequence, -1);
    }

    /**
     * Resumes after a restart: serials up to {@code sequence} were emitted before, and input before
     * {@code readThrough} was read before, so records of emitted serials there are skipped, not late.
     */
    public void resumeAfter(long sequence, long readThrough) {
        reference = sequence;
        lastEmitted = sequence;
        replayUntil = readThrough;
    }

    /**
     * Pushes one record, at wall-clock time {@code now} (kept to expire the event it opens).
     */
    public void push(AuditRecord record, Instant now) {
        long ext = extend(record.sequence());
        if (held != null && held.ext != ext) {
            held.settled = true;
            held = null;
        }
        if (ext <= lastEmitted) {
            if (record.offset() < replayUntil) {
                replayed++;
            } else if (userspaceEmitted.contains(ext)) {
                listener.userspaceTail(record);
            } else {
                listener.late(record, lastEmitted & (WRAP - 1));
            }
            drain(false, null);
            return;
        }
        if (ext > reference) {
            reference = ext;
        }
        Pending p = open.computeIfAbsent(ext, k -> new Pending(k, record.sequence(), record.timestamp(), record.offset(), now));
        p.lines++;
        p.firstOffset = Math.min(p.firstOffset, record.offset());
        if (record.type().equals("EOE")) {
            p.complete = true;
            p.sawEoe = true;
        } else {
            boolean user = AuditRecordTypes.userspace(record.type());
            if (p.records.isEmpty() && user) {
                p.complete = true;
                p.userspace = true;
                held = p;
            } else if (!user && p.userspace) {
                p.userspace = false; // the carrying syscall's records: now the event waits for their EOE
                p.complete = p.sawEoe;
                if (held == p) {
                    held = null;
                }
            }
            if (p.records.size() >= maxLines) {
                p.overflow = true;
            } else {
                p.records.add(record);
            }
        }
        if (record.timestamp().isAfter(newest)) {
            newest = record.timestamp();
        }
        drain(false, null);
    }

    /** Pushes a record without a wall-clock time (batch reading: events expire only by the other bounds). */
    public void push(AuditRecord record) {
        push(record, Instant.MAX);
    }

    /** Completes the events open for at least the configured timeout at {@code now}. */
    public void expire(Instant now) {
        drain(false, now);
    }

    /** End of input: every open event completes. */
    public void flush() {
        held = null;
        drain(true, null);
    }

    /** Input offset from which a restart rebuilds every open event, or -1 when none is open. */
    public long oldestOpenOffset() {
        long min = -1;
        for (Pending p : open.values()) {
            min = min < 0 ? p.firstOffset : Math.min(min, p.firstOffset);
        }
        return min;
    }

    /** The last serial emitted (32-bit), or -1. */
    public long lastEmittedSequence() {
        return lastEmitted == Long.MIN_VALUE ? -1 : lastEmitted & (WRAP - 1);
    }

    public int openEvents() {
        return open.size();
    }

    /** Serials skipped between emitted events (lost records, or records auditd did not log). */
    public long gaps() {
        return gaps;
    }

    /** Records skipped because they were read and accounted for before a restart. */
    public long replayed() {
        return replayed;
    }

    /** Events completed by the wall-clock timeout of {@link #expire}. */
    public long expired() {
        return expired;
    }

    private void drain(boolean all, Instant now) {
        Instant cutoff = newest == Instant.MIN ? Instant.MIN : newest.minus(config.window());
        Instant timedOut = now == null ? Instant.MIN : now.minus(config.timeout());
        while (!open.isEmpty()) {
            Map.Entry<Long, Pending> head = open.firstEntry();
            Pending p = head.getValue();
            // a serial missing before the head may still come (CPUs queue records out of serial order): wait for it
            // (the first event of a stream waits too: a lower serial may be on its way)
            boolean next = lastEmitted != Long.MIN_VALUE && head.getKey() == lastEmitted + 1;
            boolean ready = p.complete && (!p.userspace || p.settled) && next;
            boolean expiring = !ready && !all && !p.arrived.isAfter(timedOut);
            boolean due = all || ready || expiring || open.size() > config.maxInFlight() || p.timestamp.isBefore(cutoff);
            if (!due) {
                return;
            }
            open.pollFirstEntry();
            if (held == p) {
                held = null;
            }
            if (expiring) {
                expired++;
            }
            if (lastEmitted != Long.MIN_VALUE && head.getKey() > lastEmitted + 1) {
                gaps += head.getKey() - lastEmitted - 1;
            }
            lastEmitted = head.getKey();
            if (p.userspace) {
                userspaceEmitted.add(p.ext);
                if (userspaceEmitted.size() > TAIL_MEMORY) {
                    Iterator<Long> it = userspaceEmitted.iterator();
                    it.next();
                    it.remove();
                }
            }
            listener.event(new AssembledEvent(p.sequence, p.timestamp, List.copyOf(p.records), p.lines, p.overflow,
                    p.firstOffset, p.sawEoe));
        }
    }

    /** 64-bit serial: the 32-bit value placed nearest to the newest serial seen, so a wrap moves forward. */
    private long extend(long seq32) {
        if (reference < 0) {
            return seq32;
        }
        long base = reference & ~(WRAP - 1);
        long candidate = base | seq32;
        long diff = candidate - reference;
        if (diff > WRAP / 2) {
            candidate -= WRAP;
        } else if (diff < -WRAP / 2) {
            candidate += WRAP;
        }
        return candidate;
    }

    private static final class Pending {
        final long ext;
        final long sequence;
        final Instant timestamp;
        final Instant arrived;
        final List<AuditRecord> records = new ArrayList<>(4);
        long firstOffset;
        int lines;
        boolean complete;
        boolean overflow;
        boolean sawEoe;
        boolean userspace;
        boolean settled;

        Pending(long ext, long sequence, Instant timestamp, long offset, Instant arrived) {
            this.ext = ext;
            this.sequence = sequence;
            this.timestamp = timestamp;
            this.firstOffset = offset;
            this.arrived = arrived;
        }
    }
}
