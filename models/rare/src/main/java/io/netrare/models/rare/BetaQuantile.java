package io.netrare.models.rare;

/**
 * Quantiles of the Beta distribution, for the confidence interval ml-cpp puts on a percentile estimated from n
 * scores ({@code CQDigest::cdfQuantile}: the fraction p of n has the posterior Beta(n p + 1/3, n (1 - p) + 1/3)).
 * The regularized incomplete beta function by its continued fraction (modified Lentz), inverted by bisection;
 * StrictMath throughout, so every instance computes the same bits.
 */
final class BetaQuantile {

    private static final double ONE_THIRD = 1.0 / 3.0;
    private static final double EPS = 1e-15;
    private static final double TINY = 1e-300;

    private BetaQuantile() {
    }

    /**
     * Recent answers, direct-mapped by the arguments' bits. Renormalizing a window of records asks for the same few
     * (n, p, q) many times between two changes of the history (the high-percentile share is one per history, and
     * records of equal discrete score share their bounds); each answer costs about fifty evaluations of the
     * continued fraction. Entries are immutable, so threads racing on a slot only lose a cached answer, never
     * read a wrong one, and the result never depends on what is cached.
     */
    private static final Cached[] CACHE = new Cached[1024];

    private record Cached(double n, double p, double q, double quantile) {
    }

    /** ml-cpp's {@code cdfQuantile(n, p, q)}: the q-quantile of Beta(n p + 1/3, n (1 - p) + 1/3); p itself for q = 0.5. */
    static double cdfQuantile(double n, double p, double q) {
        if (q == 0.5) {
            return p;
        }
        long h = Double.doubleToLongBits(n) * 31 + Double.doubleToLongBits(p);
        h = h * 31 + Double.doubleToLongBits(q);
        int slot = (int) ((h ^ (h >>> 29) ^ (h >>> 47)) & (CACHE.length - 1));
        Cached c = CACHE[slot];
        if (c != null && c.n == n && c.p == p && c.q == q) {
            return c.quantile;
        }
        double quantile = quantile(n * p + ONE_THIRD, n * (1 - p) + ONE_THIRD, q);
        CACHE[slot] = new Cached(n, p, q, quantile);
        return quantile;
    }

    /** The q-quantile of Beta(a, b). */
    static double quantile(double a, double b, double q) {
        if (q <= 0) {
            return 0;
        }
        if (q >= 1) {
            return 1;
        }
        double lo = 0;
        double hi = 1;
        for (int i = 0; i < 200 && hi - lo > 1e-15; i++) {
            double mid = (lo + hi) / 2;
            if (cdf(mid, a, b) < q) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /** The regularized incomplete beta function I_x(a, b). */
    static double cdf(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        double lnFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * StrictMath.log(x) + b * StrictMath.log1p(-x);
        double front = StrictMath.exp(lnFront);
        if (x < (a + 1) / (a + b + 2)) {
            return front * continuedFraction(x, a, b) / a;
        }
        return 1 - front * continuedFraction(1 - x, b, a) / b;
    }

    private static double continuedFraction(double x, double a, double b) {
        double qab = a + b;
        double qap = a + 1;
        double qam = a - 1;
        double c = 1;
        double d = 1 - qab * x / qap;
        if (Math.abs(d) < TINY) {
            d = TINY;
        }
        d = 1 / d;
        double h = d;
        for (int m = 1; m <= 10_000; m++) {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + aa * d;
            if (Math.abs(d) < TINY) {
                d = TINY;
            }
            c = 1 + aa / c;
            if (Math.abs(c) < TINY) {
                c = TINY;
            }
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + aa * d;
            if (Math.abs(d) < TINY) {
                d = TINY;
            }
            c = 1 + aa / c;
            if (Math.abs(c) < TINY) {
                c = TINY;
            }
            d = 1 / d;
            double del = d * c;
            h *= del;
            if (Math.abs(del - 1) < EPS) {
                break;
            }
        }
        return h;
    }

    private static final double[] LANCZOS = {0.99999999999980993, 676.5203681218851, -1259.1392167224028,
            771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
            9.9843695780195716e-6, 1.5056327351493116e-7};

    /** ln Gamma(x) for x > 0 (Lanczos, g = 7). */
    static double logGamma(double x) {
        if (x < 0.5) {
            // reflection: Gamma(x) Gamma(1 - x) = pi / sin(pi x)
            return StrictMath.log(Math.PI / StrictMath.sin(Math.PI * x)) - logGamma(1 - x);
        }
        x -= 1;
        double sum = LANCZOS[0];
        for (int i = 1; i < LANCZOS.length; i++) {
            sum += LANCZOS[i] / (x + i);
        }
        double t = x + 7.5;
        return 0.5 * StrictMath.log(2 * Math.PI) + (x + 0.5) * StrictMath.log(t) - t + StrictMath.log(sum);
    }
}
