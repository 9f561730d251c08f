package io.netrare.alerting.service;

import java.time.Duration;

/**
 * How long an alert id is remembered (YAML section {@code dedup}). An id is forgotten, and its state entry
 * tombstoned, {@code horizon} after it was first alerted; a version of its record arriving later would alert
 * again. The horizon must exceed the time in which a record can still receive new versions: scoring
 * renormalizes records of the last max(30 days, 100 buckets), and a replay of the anomalies topic reads back
 * versions up to its retention (30 days by default). The default, 90 days, covers both with 30 days to spare
 * for pipeline lag, and matches the alerts topic's retention (docs/alerting.md).
 *
 * @param horizon how long after it was first alerted an alert id is kept
 */
public record DedupConfig(Duration horizon) {

    public DedupConfig {
        horizon = horizon == null ? Duration.ofDays(90) : horizon;
        if (horizon.isNegative() || horizon.isZero()) {
            throw new IllegalArgumentException("dedup.horizon must be positive, got " + horizon);
        }
    }

    public static DedupConfig defaults() {
        return new DedupConfig(null);
    }
}
