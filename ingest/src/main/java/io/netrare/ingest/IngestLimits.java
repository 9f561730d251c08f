package io.netrare.ingest;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * Explicit bounds on input. Each breach rejects the record with its own reason.
 *
 * @param maxRecordBytes  longest input line (one ECS document, one Sysmon event); longer input is cut
 *                        while reading, so a huge line never sits in memory
 * @param maxAuditLineBytes longest raw auditd line (the kernel's own limit is below 9 KiB)
 * @param maxLinesPerAuditEvent records kept per auditd event; more rejects the event
 * @param maxFieldChars   longest value of any NetworkEvent field
 * @param maxFuture       how far ahead of the clock an event may be; a forged future time must not close buckets early
 * @param maxPast         how far behind the clock an event may be; {@code null} disables the check (file replay)
 * @param missingTimestamp what to do with a document that has no timestamp
 */
public record IngestLimits(int maxRecordBytes, int maxAuditLineBytes, int maxLinesPerAuditEvent, int maxFieldChars,
                           Duration maxFuture, Duration maxPast, MissingTimestamp missingTimestamp) {

    /** Policy for documents without a timestamp (Beats always sets one; example documents often lack it). */
    public enum MissingTimestamp { REJECT, USE_INGEST_TIME }

    public IngestLimits {
        requireNonNull(maxFuture, "maxFuture is null");
        requireNonNull(missingTimestamp, "missingTimestamp is null");
        if (maxRecordBytes < 256 || maxAuditLineBytes < 256 || maxLinesPerAuditEvent < 1 || maxFieldChars < 16) {
            throw new IllegalArgumentException("limits too small: record " + maxRecordBytes + " B, audit line "
                    + maxAuditLineBytes + " B, lines " + maxLinesPerAuditEvent + ", field " + maxFieldChars + " chars");
        }
        if (maxFuture.isNegative() || (maxPast != null && maxPast.isNegative())) {
            throw new IllegalArgumentException("time limits must not be negative");
        }
    }

    public static IngestLimits defaults() {
        return new IngestLimits(1 << 20, 64 << 10, 512, 4096, Duration.ofMinutes(5), Duration.ofDays(30),
                MissingTimestamp.REJECT);
    }

    public IngestLimits withMaxPast(Duration past) {
        return new IngestLimits(maxRecordBytes, maxAuditLineBytes, maxLinesPerAuditEvent, maxFieldChars, maxFuture, past,
                missingTimestamp);
    }

    public IngestLimits withMissingTimestamp(MissingTimestamp policy) {
        return new IngestLimits(maxRecordBytes, maxAuditLineBytes, maxLinesPerAuditEvent, maxFieldChars, maxFuture,
                maxPast, policy);
    }

    public IngestLimits withMaxRecordBytes(int bytes) {
        return new IngestLimits(bytes, maxAuditLineBytes, maxLinesPerAuditEvent, maxFieldChars, maxFuture, maxPast,
                missingTimestamp);
    }
}
