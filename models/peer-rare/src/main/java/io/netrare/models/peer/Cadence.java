package io.netrare.models.peer;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Detects a stable period in the run starts of a (host, process) pair and says whether a run is due. A run is on
 * cadence when its gap to the previous run is a whole number of periods (1 + up to {@code maxMissed} skipped runs)
 * within the period's tolerance: {@code tolerance} buckets, or {@code jitter} times the period when that is more (a
 * daily timer with a randomized delay of up to an hour starts anywhere in that hour). A cadence is established when
 * the last {@code minRuns} runs before the one judged are all on it, so a missed run (a gap of two periods) does not
 * break it.
 *
 * @param periodMillis the candidate periods, ascending
 * @param jitter       share of a period a run may drift from its due time
 */
record Cadence(List<Long> periodMillis, long toleranceMillis, double jitter, int minRuns, int maxMissed) {

    static Cadence of(PeerRareConfig config, long spanMillis) {
        return new Cadence(config.cadencePeriods().stream().map(Duration::toMillis).toList(),
                config.cadenceTolerance() * spanMillis, config.cadenceJitter(), config.cadenceMinRuns(),
                config.cadenceMaxMissed());
    }

    /** How far a run may drift from its due time on a period: the bucket tolerance or the jitter share of it. */
    long tolerance(long period) {
        return Math.max(toleranceMillis, (long) (jitter * period));
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
        long tolerance = tolerance(period);
        for (int m = 1; m <= maxMissed + 1; m++) {
            if (Math.abs(gap - m * period) <= tolerance) {
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
        return detect(runs, end, minRuns);
    }

    /** As {@link #detect(long[], int)}, with {@code runsNeeded} runs instead of {@code minRuns}. */
    Detected detect(long[] runs, int end, int runsNeeded) {
        if (end < runsNeeded) {
            return null;
        }
        for (long period : periodMillis) {
            boolean all = true;
            for (int i = end - runsNeeded + 1; i < end && all; i++) {
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
        int end = runsBefore(peer, start);
        Detected d = detect(peer.runs, end);
        return due(d, start) ? d : null;
    }

    /**
     * The period of a peer's last two runs before {@code start} when {@code start} is due on it (one gap, not yet an
     * established cadence: two such peers corroborate each other), else null.
     */
    Detected peerDueOnce(PairState peer, long start) {
        Detected d = detect(peer.runs, runsBefore(peer, start), 2);
        return due(d, start) ? d : null;
    }

    /** The peer's runs that started before {@code start} (minus the bucket tolerance). */
    private int runsBefore(PairState peer, long start) {
        int end = 0;
        while (end < peer.runs.length && peer.runs[end] < start - toleranceMillis) {
            end++;
        }
        return end;
    }

    /**
     * The cadence of a pair that has run on a period fewer than {@code minRuns} times, when another host keeps the
     * same job: the pair's runs before the current one show the period (at least two, one gap), the current run is
     * due on it, and {@code other}'s last two runs before the current one are on the same period at the same time
     * of the period (within its tolerance). Null otherwise.
     */
    Detected corroborated(PairState pair, PairState other) {
        int n = pair.runs.length;
        long start = pair.runs[n - 1];
        Detected own = detect(pair.runs, n - 1, 2);
        if (own == null || !due(own, start)) {
            return null;
        }
        long period = own.periodMillis();
        int end = runsBefore(other, start);
        if (end < 2 || !fits(other.runs[end - 1] - other.runs[end - 2], period)) {
            return null;
        }
        long phase = Math.floorMod(start - other.runs[end - 1], period);
        return Math.min(phase, period - phase) <= tolerance(period) ? own : null;
    }
}
