package io.netrare.alerting;

/**
 * The alert ids already raised (or folded into a surviving alert by suppression). It must outlive the
 * process: on Kafka it is rebuilt on start from the compacted alerting state topic (see docs/alerting.md).
 */
public interface DedupStore {

    /** Remembers {@code alertId}; true when it was not known before, false for a duplicate. */
    boolean add(String alertId);

    boolean contains(String alertId);

    /** How many ids are held. */
    long size();
}
