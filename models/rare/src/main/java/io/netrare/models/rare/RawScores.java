package io.netrare.models.rare;

/**
 * ml-cpp's map from a probability to a raw anomaly score ({@code CTools::anomalyScore}) and its inverse.
 * Piecewise: 0 for p >= 0.05; (1/p - 20)/(1e4 - 20) for 1e-4 <= p < 0.05 (0..1); log-linear 1..50 for
 * 1e-50 <= p < 1e-4; log-linear 50..100 down to the smallest normal double.
 */
public final class RawScores {

    public static final double LARGEST_SIGNIFICANT_PROBABILITY = 0.05;
    public static final double SMALL_PROBABILITY = 1e-4;
    public static final double MINUSCULE_PROBABILITY = 1e-50;
    /** The smallest probability the map distinguishes (ml-cpp uses the smallest normal double). */
    public static final double SMALLEST_PROBABILITY = Double.MIN_NORMAL;

    private static final double LOG_SMALL = Math.log(SMALL_PROBABILITY);
    private static final double LOG_MINUSCULE = Math.log(MINUSCULE_PROBABILITY);
    private static final double LOG_SMALLEST = Math.log(SMALLEST_PROBABILITY);
    private static final double INV_LARGEST = 1 / LARGEST_SIGNIFICANT_PROBABILITY; // 20
    private static final double INV_SMALL = 1 / SMALL_PROBABILITY; // 1e4

    private RawScores() {
    }

    public static double anomalyScore(double p) {
        if (p >= LARGEST_SIGNIFICANT_PROBABILITY) {
            return 0;
        }
        if (p >= SMALL_PROBABILITY) {
            return (1 / p - INV_LARGEST) / (INV_SMALL - INV_LARGEST);
        }
        if (p >= MINUSCULE_PROBABILITY) {
            return 1 + 49 * (-Math.log(p) + LOG_SMALL) / (-LOG_MINUSCULE + LOG_SMALL);
        }
        double q = Math.max(p, SMALLEST_PROBABILITY);
        return Math.min(100, 50 + 50 * (-Math.log(q) + LOG_MINUSCULE) / (-LOG_SMALLEST + LOG_MINUSCULE));
    }

    /** The probability whose raw score is {@code score} (1 for a score of 0). */
    public static double inverse(double score) {
        if (score <= 0) {
            return 1;
        }
        if (score <= 1) {
            return 1 / (score * (INV_SMALL - INV_LARGEST) + INV_LARGEST);
        }
        if (score <= 50) {
            return Math.exp(LOG_SMALL - (score - 1) * (-LOG_MINUSCULE + LOG_SMALL) / 49);
        }
        return Math.exp(LOG_MINUSCULE - (Math.min(score, 100) - 50) * (-LOG_SMALLEST + LOG_MINUSCULE) / 50);
    }
}
