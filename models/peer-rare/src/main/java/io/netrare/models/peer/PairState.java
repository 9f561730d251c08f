package io.netrare.models.peer;

import java.util.Arrays;

/**
 * What the model knows of one process on one host: the decayed number of buckets it appeared in, when, the
 * starts of its last runs (for cadence), and its decayed count as of the last regrouping boundary (so that peer
 * groups are a function of per-pair state alone, identical in every share and in the merged model).
 */
final class PairState {
    /** Run starts kept per pair: enough for a cadence with missed runs, bounded for memory. */
    static final int MAX_RUNS = 12;

    double decayed;
    long firstSeen;
    long lastSeen;
    long buckets;
    long boundaryMark = Long.MIN_VALUE;
    double boundaryValue;
    long[] runs = new long[0];

    PairState(double decayed, long firstSeen, long lastSeen, long buckets) {
        this.decayed = decayed;
        this.firstSeen = firstSeen;
        this.lastSeen = lastSeen;
        this.buckets = buckets;
    }

    long currentRunStart() {
        return runs.length == 0 ? Long.MIN_VALUE : runs[runs.length - 1];
    }

    void addRun(long start) {
        long[] next = Arrays.copyOf(runs, Math.min(MAX_RUNS, runs.length + 1));
        if (runs.length == MAX_RUNS) {
            System.arraycopy(runs, 1, next, 0, MAX_RUNS - 1);
        }
        next[next.length - 1] = start;
        runs = next;
    }
}
