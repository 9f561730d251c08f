package io.netrare.models.rare;

import java.util.Arrays;

/**
 * The decayed counts of one partition at one bucket, sorted ascending with prefix sums, so that
 * P(v) = sum over a_j <= a_v of a_j / sum a_j is a binary search. Summing in ascending order makes every
 * sum a function of the multiset of counts alone, so models built in different orders (or merged from
 * shares) give bit-identical probabilities.
 */
public final class RarityTable {
    private final double[] sorted;
    private final double[] prefix;

    public RarityTable(double[] values) {
        this(values, values.length);
    }

    /** A table of the first {@code n} values. */
    public RarityTable(double[] values, int n) {
        this.sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        this.prefix = new double[sorted.length];
        double sum = 0;
        for (int i = 0; i < sorted.length; i++) {
            sum += sorted[i];
            prefix[i] = sum;
        }
    }

    public double total() {
        return prefix.length == 0 ? 0 : prefix[prefix.length - 1];
    }

    int size() {
        return sorted.length;
    }

    /** Sum of all counts <= a. */
    public double sumAtMost(double a) {
        int lo = 0;
        int hi = sorted.length; // first index with sorted[i] > a
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= a) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo == 0 ? 0 : prefix[lo - 1];
    }

    /** P(v) for a count that is in the table. */
    double probability(double a) {
        double total = total();
        double p = sumAtMost(a) / total;
        return Math.min(1.0, p);
    }

    /**
     * P for a count; a count the table does not hold (a value never seen here) is added to it first. At least
     * the smallest normal double, and 1 for an empty table.
     */
    public double probability(double a, boolean inTable) {
        double total = inTable ? total() : total() + a;
        if (!(total > 0) || !(a > 0)) {
            return 1.0;
        }
        double at = inTable ? sumAtMost(a) : sumAtMost(a) + a;
        return Math.max(Double.MIN_NORMAL, Math.min(1.0, at / total));
    }
}
