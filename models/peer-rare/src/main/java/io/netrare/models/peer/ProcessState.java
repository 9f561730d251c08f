package io.netrare.models.peer;

import java.util.TreeMap;

/**
 * One entity (partition value, process): its fleet-wide decayed bucket count, exactly as the rare model keeps
 * it, and its state on each host. An entity lives in one training share, with all its hosts.
 */
final class ProcessState {
    double decayed;
    long firstSeen;
    long lastSeen;
    long previousSeen = Long.MIN_VALUE;
    long buckets;
    /** host -> pair state, sorted so that every sum over hosts is deterministic. */
    final TreeMap<String, PairState> hosts = new TreeMap<>();

    ProcessState(double decayed, long firstSeen, long lastSeen, long buckets) {
        this.decayed = decayed;
        this.firstSeen = firstSeen;
        this.lastSeen = lastSeen;
        this.buckets = buckets;
    }
}
