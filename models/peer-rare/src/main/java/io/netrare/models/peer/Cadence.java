package io.netrare.models.peer;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Detects a stable period in the run starts of a (host, process) pair and says whether a run is due. A run is on
 * cadence when its gap to the previous run is a whole number of periods (1 + up to {@code maxMissed} skipped runs)
 * within {@code tolerance} buckets. A cadence is established when the last {@code minRuns} runs before the one
 * judged are all on it, so a missed run (a gap of two periods) does not break it.
 *
 * @param periodMillis the candidate periods, ascending
 */
record Cadence(List<Long> periodMillis, long toleranceMillis, int minRuns, int maxMissed) {

    static Cadence of(PeerRareConfig config, long spanMillis) {
        return new Cadence(config.cadencePeriods().stream().map(Duration::toMillis).toList(),
                config.cadenceTolerance() * spanMillis, config.cadenceMinRuns(), config.cadenceMaxMissed());
    }

    /** A detected cadence: its period and the run it was last seen at (for the explanation). */
    record Detected(long periodMillis, long lastRun) {
        String describe(String scope) {
            Duration p = Duration.ofMillis(periodMillis);
            String name = p.equals(Duration.ofHours(1)) ? "hourly" : p.equals(Duration.ofDays(1)) ? "daily"
                    : p.equals(Duration.ofDays(7)) ? "weekly" : "every " + p;
            String at = p.toHours() >= 24 ? " at " + Instant.ofEpochMilli(lastRun).atOffset(ZoneOffset.UTC).toLocalTime() + " UTC" : "";
            return name + at + " (" + scope + ")";
        }
    }

    private boolean fits(long gap, long period) {
        for (int m = 1; m <= maxMissed + 1; m++) {
            if (Math.abs(gap - m * period) <= toleranceMillis) {
                return true;
            }
        }
        return false;
    }

    /**
     * The cadence of {@code runs[0..end)} (ascending run starts), or null: the smallest period that the last
     * {@code minRuns} gaps all fit, with at least {@code minRuns} runs.
     */
    Detected detect(long[] runs, int end) {
        if (end < minRuns) {
            return null;
        }
        for (long period : periodMillis) {
            boolean all = true;
            for (int i = end - minRuns + 1; i < end && all; i++) {
                all = fits(runs[i] - runs[i - 1], period);
            }
            // one-run history cannot show a period; minRuns >= 2 guarantees at least one gap
            if (all) {
                return new Detected(period, runs[end - 1]);
            }
        }
        return null;
    }

    /** True when a run starting at {@code start} is due under {@code cadence} (previous run at its lastRun). */
    boolean due(Detected cadence, long start) {
        return cadence != null && fits(start - cadence.lastRun(), cadence.periodMillis());
    }

    /**
     * Whether the pair's current run (started at its last run start) is on its own established cadence; returns
     * the cadence when so, else null.
     */
    Detected onCadence(PairState pair) {
        int n = pair.runs.length;
        if (n < 2) {
            return null;
        }
        Detected d = detect(pair.runs, n - 1);
        return due(d, pair.runs[n - 1]) ? d : null;
    }

    /**
     * Whether a run starting at {@code start} matches a peer's established cadence: the peer's runs before
     * {@code start} (minus tolerance) show a cadence and {@code start} is due on it.
     */
    Detected peerDue(PairState peer, long start) {
        int end = 0;
        while (end < peer.runs.length && peer.runs[end] < start - toleranceMillis) {
            end++;
        }
        Detected d = detect(peer.runs, end);
        return due(d, start) ? d : null;
    }
}
