package io.netrare.ingest.service;

/**
 * How auditd records split over several raw-topic records are joined.
 *
 * @param maxSources sources (record key, or host and stream) with open auditd events per input partition;
 *                   beyond it the source idle longest has its open events completed (counted as evictions)
 */
public record RawJoinSettings(int maxSources) {

    public RawJoinSettings {
        if (maxSources < 1) {
            throw new IllegalArgumentException("max_sources must be >= 1");
        }
    }

    public static RawJoinSettings defaults() {
        return new RawJoinSettings(64);
    }
}
