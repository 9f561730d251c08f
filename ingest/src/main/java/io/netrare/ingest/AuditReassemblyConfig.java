package io.netrare.ingest;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * How raw auditd records are grouped into events (the rules of go-libaudit's reassembler).
 *
 * @param window      an event with no EOE completes once a record this much newer (event time) has been seen
 * @param maxInFlight events kept open at once; beyond it the oldest completes (too many newer sequences)
 * @param timeout     an open event completes after this long by the wall clock, when a source that follows
 *                    live input asks (a quiet log must not hold its last event forever)
 */
public record AuditReassemblyConfig(Duration window, int maxInFlight, Duration timeout) {

    public AuditReassemblyConfig {
        requireNonNull(window, "window is null");
        requireNonNull(timeout, "timeout is null");
        if (window.isNegative() || maxInFlight < 1 || timeout.isNegative()) {
            throw new IllegalArgumentException("window and timeout must be >= 0 and maxInFlight >= 1");
        }
    }

    public AuditReassemblyConfig(Duration window, int maxInFlight) {
        this(window, maxInFlight, defaults().timeout());
    }

    /** 10 s of event time, 50 events in flight and a 2 s timeout (go-libaudit's and Auditbeat's defaults). */
    public static AuditReassemblyConfig defaults() {
        return new AuditReassemblyConfig(Duration.ofSeconds(10), 50, Duration.ofSeconds(2));
    }
}
