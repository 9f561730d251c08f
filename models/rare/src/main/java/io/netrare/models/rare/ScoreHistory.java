package io.netrare.models.rare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * The history of raw scores as an exact histogram of scores discretized to 1/1000 (ml-cpp's discretization
 * factor), over 0..100: 100,001 bins, so memory is bounded whatever the number of scores, the summary is
 * exact (no sampling, hence deterministic), and two histories merge by adding counts. Most scores are 0, and
 * they are simply bin 0. A Fenwick tree gives counts below a score in O(log bins).
 */
final class ScoreHistory {

    static final int DISCRETIZATION = 1000;
    static final int BINS = 100 * DISCRETIZATION + 1;

    private final long[] tree = new long[BINS + 1];
    private final long[] counts = new long[BINS];
    private long n;

    static int discrete(double score) {
        int d = (int) Math.round(Math.max(0, Math.min(100, score)) * DISCRETIZATION);
        // a positive score never rounds down to the bin of zero, which holds "nothing unusual"
        return score > 0 && d == 0 ? 1 : d;
    }

    void add(int bin, long count) {
        counts[bin] += count;
        n += count;
        for (int i = bin + 1; i <= BINS; i += i & -i) {
            tree[i] += count;
        }
    }

    long n() {
        return n;
    }

    long count(int bin) {
        return counts[bin];
    }

    /** Number of scores in bins strictly below {@code bin}. */
    long countBelow(int bin) {
        long sum = 0;
        for (int i = bin; i > 0; i -= i & -i) {
            sum += tree[i];
        }
        return sum;
    }

    /** The smallest bin b with countBelow(b + 1) >= q * n (the q-quantile). */
    int quantile(double q) {
        long target = (long) Math.ceil(q * n);
        if (target <= 0) {
            target = 1;
        }
        int pos = 0;
        long remaining = target;
        for (int step = Integer.highestOneBit(BINS); step > 0; step >>= 1) {
            int next = pos + step;
            if (next <= BINS && tree[next] < remaining) {
                pos = next;
                remaining -= tree[next];
            }
        }
        return Math.min(pos, BINS - 1);
    }

    /** Scores at or below {@code bin}. */
    long countAtOrBelow(long bin) {
        return bin >= BINS ? n : countBelow((int) bin + 1);
    }

    /** The bin holding the k-th score in ascending order (k from 1 to n). */
    int binOfRank(long k) {
        int pos = 0;
        long remaining = k;
        for (int step = Integer.highestOneBit(BINS); step > 0; step >>= 1) {
            int next = pos + step;
            if (next <= BINS && tree[next] < remaining) {
                pos = next;
                remaining -= tree[next];
            }
        }
        return Math.min(pos, BINS - 1);
    }

    /**
     * Ages the counts as ml-cpp's q-digest does: each count becomes max(round(count * factor), 1), so a score once
     * seen is never aged out entirely.
     */
    void age(double factor) {
        java.util.Arrays.fill(tree, 0);
        n = 0;
        for (int b = 0; b < BINS; b++) {
            if (counts[b] != 0) {
                long aged = Math.max((long) (counts[b] * factor + 0.5), 1);
                counts[b] = 0;
                add(b, aged);
            }
        }
    }

    void writeTo(ArrayNode out) {
        for (int b = 0; b < BINS; b++) {
            if (counts[b] != 0) {
                out.addArray().add(b).add(counts[b]);
            }
        }
    }

    void readFrom(JsonNode rows) {
        for (JsonNode row : rows) {
            add(row.get(0).asInt(), row.get(1).asLong());
        }
    }

    void addAll(ScoreHistory other) {
        for (int b = 0; b < BINS; b++) {
            if (other.counts[b] != 0) {
                add(b, other.counts[b]);
            }
        }
    }
}
