package io.netrare.ingest.audit;

import io.netrare.ingest.AuditReassemblyConfig;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * Groups auditd records into events by serial, the way go-libaudit's reassembler does: records of an
 * event may interleave with others and arrive out of order; an event completes on its EOE record, when a
 * record more than {@code window} newer (event time) has been seen, or when more than {@code maxInFlight}
 * events are open. Events leave in serial order (an older open event holds back newer complete ones, up to
 * those bounds), so a checkpoint can name one resume point. Serials are 32-bit and wrap
 * (4294967295 -> 0): they are compared on a 64-bit extension. A record for a serial already emitted is late.
 */
public final class AuditReassembler {

    /** Receives completed events and late records. */
    public interface Listener {
        void event(AssembledEvent event);

        void late(AuditRecord record, long lastEmittedSequence);
    }

    private static final long WRAP = 1L << 32;

    private final AuditReassemblyConfig config;
    private final int maxLines;
    private final Listener listener;
    private final TreeMap<Long, Pending> open = new TreeMap<>();
    private long reference = -1;      // extended serial of the newest record, the base for extending others
    private long lastEmitted = Long.MIN_VALUE;
    private Instant newest = Instant.MIN;
    private long gaps;

    public AuditReassembler(AuditReassemblyConfig config, int maxLinesPerEvent, Listener listener) {
        this.config = requireNonNull(config, "config is null");
        this.maxLines = maxLinesPerEvent;
        this.listener = requireNonNull(listener, "listener is null");
    }

    /** Resumes after a restart: serials up to this one were emitted before. */
    public void resumeAfter(long sequence) {
        reference = sequence;
        lastEmitted = sequence;
    }

    public void push(AuditRecord record) {
        long ext = extend(record.sequence());
        if (ext <= lastEmitted) {
            listener.late(record, lastEmitted & (WRAP - 1));
            return;
        }
        if (ext > reference) {
            reference = ext;
        }
        Pending p = open.computeIfAbsent(ext, k -> new Pending(record.sequence(), record.timestamp(), record.offset()));
        p.lines++;
        p.firstOffset = Math.min(p.firstOffset, record.offset());
        if (record.type().equals("EOE")) {
            p.complete = true;
            p.sawEoe = true;
        } else if (p.records.size() >= maxLines) {
            p.overflow = true;
        } else {
            p.records.add(record);
            if (p.records.size() == 1 && standalone(record.type())) {
                p.complete = true;
            }
        }
        if (record.timestamp().isAfter(newest)) {
            newest = record.timestamp();
        }
        drain(false);
    }

    /** End of input: every open event completes. */
    public void flush() {
        drain(true);
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

    private void drain(boolean all) {
        Instant cutoff = newest == Instant.MIN ? Instant.MIN : newest.minus(config.window());
        while (!open.isEmpty()) {
            Map.Entry<Long, Pending> head = open.firstEntry();
            Pending p = head.getValue();
            boolean due = all || p.complete || open.size() > config.maxInFlight() || p.timestamp.isBefore(cutoff);
            if (!due) {
                return;
            }
            open.pollFirstEntry();
            if (lastEmitted != Long.MIN_VALUE && head.getKey() > lastEmitted + 1) {
                gaps += head.getKey() - lastEmitted - 1;
            }
            lastEmitted = head.getKey();
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

    /**
     * Types auditd writes as single-record events (user-space and daemon messages); they never get an EOE.
     * Kernel types such as CONFIG_CHANGE may be followed by SYSCALL and are not listed.
     */
    private static boolean standalone(String type) {
        return type.startsWith("USER_") || type.startsWith("CRED_") || type.startsWith("CRYPTO_")
                || type.startsWith("DAEMON_") || type.startsWith("SERVICE_") || type.startsWith("ANOM_LOGIN")
                || type.startsWith("SYSTEM_");
    }

    private static final class Pending {
        final long sequence;
        final Instant timestamp;
        final List<AuditRecord> records = new ArrayList<>(4);
        long firstOffset;
        int lines;
        boolean complete;
        boolean overflow;
        boolean sawEoe;

        Pending(long sequence, Instant timestamp, long offset) {
            this.sequence = sequence;
            this.timestamp = timestamp;
            this.firstOffset = offset;
        }
    }
}
