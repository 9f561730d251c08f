package io.netrare.simulator;

/**
 * Daily and weekly load curve (fleet time is UTC): nights quiet, business hours busy, weekends lighter.
 * System daemons ignore it.
 */
final class Rhythm {

    private static final double[] HOURLY = {
            0.25, 0.22, 0.2, 0.2, 0.22, 0.28, 0.4, 0.6, 0.85, 1.1, 1.15, 1.1,
            1.0, 1.1, 1.15, 1.15, 1.05, 0.9, 0.7, 0.6, 0.55, 0.5, 0.4, 0.3};
    private static final double WEEKEND = 0.6;

    private Rhythm() {
    }

    static double at(long epochMillis) {
        int hour = (int) Math.floorMod(epochMillis / 3_600_000L, 24L);
        long epochDay = Math.floorDiv(epochMillis, 86_400_000L);
        int dayOfWeek = (int) Math.floorMod(epochDay + 3, 7L); // 1970-01-01 was a Thursday; 0 = Monday
        return HOURLY[hour] * (dayOfWeek >= 5 ? WEEKEND : 1.0);
    }

    /** Poisson draw: Knuth's product method for small means, a rounded normal above 30. */
    static int poisson(java.util.SplittableRandom random, double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 30) {
            double g = random.nextDouble(); // Box-Muller from two uniforms
            double h = random.nextDouble();
            double normal = Math.sqrt(-2 * Math.log(1 - g)) * Math.cos(2 * Math.PI * h);
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * normal));
        }
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int n = 0;
        while (product > limit) {
            product *= random.nextDouble();
            n++;
        }
        return n;
    }
}
