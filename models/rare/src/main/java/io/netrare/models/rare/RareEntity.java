package io.netrare.models.rare;

/**
 * What the rare model knows of one by value in one partition. Mutable, owned by one {@link RarityModel}.
 * {@code decayed} is the decayed bucket count right after learning bucket {@code lastSeen}; its value at a
 * later bucket is found by decaying it over the buckets since, so that untouched entities cost nothing.
 */
final class RareEntity {
    double decayed;
    long firstSeen;
    long lastSeen;
    /** The bucket this value was seen in before {@code lastSeen}, or Long.MIN_VALUE. */
    long previousSeen = Long.MIN_VALUE;
    long buckets;
    /** When this value was last evicted at the entity cap before it came back, or Long.MIN_VALUE. */
    long evictedAt = Long.MIN_VALUE;

    RareEntity(double decayed, long firstSeen, long lastSeen, long previousSeen, long buckets) {
        this.decayed = decayed;
        this.firstSeen = firstSeen;
        this.lastSeen = lastSeen;
        this.previousSeen = previousSeen;
        this.buckets = buckets;
    }
}
