package io.netrare.model.peer;

import java.util.Arrays;

/**
 * Elastic's rarity over a set of decayed counts: P(a) = sum of counts <= a / sum of all counts. Sorted ascending
 * with prefix sums, so every sum depends on the multiset of counts only, never on the order they were added.
 */
final class MassTable {
    private final double[] sorted;
    private final double[] prefix;

    MassTable(double[] values, int n) {
        this.sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        this.prefix = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += sorted[i];
            prefix[i] = sum;
        }
    }

    double total() {
        return prefix.length == 0 ? 0 : prefix[prefix.length - 1];
    }

    double sumAtMost(double a) {
        int lo = 0;
        int hi = sorted.length;
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

    /** P for a count; a count the table does not hold (a value never seen here) is added to it first. */
    double probability(double a, boolean inTable) {
        double total = inTable ? total() : total() + a;
        if (!(total > 0) || !(a > 0)) {
            return 1.0;
        }
        double at = inTable ? sumAtMost(a) : sumAtMost(a) + a;
        return Math.max(Double.MIN_NORMAL, Math.min(1.0, at / total));
    }
}
