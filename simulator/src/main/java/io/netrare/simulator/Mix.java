package io.netrare.simulator;

/** A 64-bit mixing function (SplitMix64's finalizer) to derive independent seeds from the master seed. */
final class Mix {

    private Mix() {
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Seed for a named sub-stream of the master seed. */
    static long seed(long master, String stream, long index) {
        return mix(mix(master ^ stream.hashCode() * 0xD1B54A32D192ED03L) + index * 0x9E3779B97F4A7C15L);
    }
}
