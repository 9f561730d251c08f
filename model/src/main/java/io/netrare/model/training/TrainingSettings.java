package io.netrare.model.training;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * The {@code training:} section.
 *
 * @param latency         a share's watermark trails its latest event time by this much (default 60s)
 * @param idleTimeout     with no event for this long (wall clock), every share closes its open buckets whose end
 *                        plus the latency the wall clock has passed (on a replay of old events: all of them)
 * @param snapshotEvery   publish a share's whole state every this many closed buckets (deltas always)
 * @param restoreTimeout  how long reading the models topic at assignment may take
 * @param deltaExampleHosts for a model that does not learn per host, the hosts of an entity a delta lists as
 *                        examples (the first in sorted order; the host count stays exact); a model that learns per
 *                        host gets every host
 */
public record TrainingSettings(Duration latency, Duration idleTimeout, int snapshotEvery, Duration restoreTimeout,
                               int deltaExampleHosts) {

    public TrainingSettings {
        requireNonNull(latency, "latency is null");
        requireNonNull(idleTimeout, "idle_timeout is null");
        requireNonNull(restoreTimeout, "restore_timeout is null");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative");
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idle_timeout must be positive");
        }
        if (snapshotEvery < 1) {
            throw new IllegalArgumentException("snapshot_every must be at least 1");
        }
        if (deltaExampleHosts < 0) {
            throw new IllegalArgumentException("delta_example_hosts must not be negative");
        }
    }

    public static TrainingSettings defaults() {
        return new TrainingSettings(Duration.ofSeconds(60), Duration.ofMinutes(2), 4, Duration.ofMinutes(2), 10);
    }

    public TrainingSettings withLatency(Duration d) {
        return new TrainingSettings(d, idleTimeout, snapshotEvery, restoreTimeout, deltaExampleHosts);
    }

    public TrainingSettings withIdleTimeout(Duration d) {
        return new TrainingSettings(latency, d, snapshotEvery, restoreTimeout, deltaExampleHosts);
    }
}
