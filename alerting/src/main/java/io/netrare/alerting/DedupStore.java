package io.netrare.alerting;

import java.time.Instant;
import java.util.List;

/**
 * The alert ids already raised (or folded into a surviving alert by suppression), each with the time it was
 * first alerted. It must outlive the process: on Kafka it is rebuilt on start from the compacted alerting state
 * topic (see docs/alerting.md). Ids older than the dedup horizon are {@link #expireBefore expired}.
 */
public interface DedupStore {

    /** Remembers {@code alertId}, first alerted at {@code alertedAt}; true when it was not known before, false for a duplicate. */
    boolean add(String alertId, Instant alertedAt);

    boolean contains(String alertId);

    /** Forgets {@code alertId} (its state entry was tombstoned); true when it was known. */
    boolean remove(String alertId);

    /**
     * Forgets the ids first alerted before {@code cutoff} and returns them, oldest first. Ids are kept in the
     * order they were added, and the sweep stops at the first one inside the horizon: it costs the expired ids,
     * not the whole store. An id added out of time order (a clock stepped back, another instance's entry)
     * expires when the ids before it have; later, never earlier.
     */
    List<String> expireBefore(Instant cutoff);

    /** How many ids are held. */
    long size();
}
