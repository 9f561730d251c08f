package io.netrare.ingest;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * How raw auditd records are grouped into events (the approach of go-libaudit's reassembler).
 *
 * @param window      an event with no EOE completes once a record this much newer (event time) has been seen
 * @param maxInFlight events kept open at once; beyond it the oldest completes (too many newer sequences)
 */
public record AuditReassemblyConfig(Duration window, int maxInFlight) {

    public AuditReassemblyConfig {
        requireNonNull(window, "window is null");
        if (window.isNegative() || maxInFlight < 1) {
            throw new IllegalArgumentException("window must be >= 0 and maxInFlight >= 1");
        }
    }

    /** 10 s of event time and 50 events in flight (go-libaudit's in-flight default). */
    public static AuditReassemblyConfig defaults() {
        return new AuditReassemblyConfig(Duration.ofSeconds(10), 50);
    }
}
