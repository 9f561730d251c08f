package io.netrare.simulator;

import java.util.Locale;

/** Which ECS document shape the simulated hosts write. */
public enum Shape {
    /** Every host runs Elastic Defend ({@code endpoint.events.network}). */
    DEFEND,
    /** Every host runs Auditbeat's auditd module. */
    AUDITBEAT,
    /** Each host runs one of the two, chosen per host from the seed. */
    MIXED;

    /** Parses {@code defend}, {@code auditbeat} or {@code mixed}, case-insensitively. */
    public static Shape parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown shape '" + text + "', expected defend, auditbeat or mixed", e);
        }
    }
}
