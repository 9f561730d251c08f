package io.netrare.models.peer;

import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The peer groups of a regrouping period, computed on a background thread from profiles taken when the previous
 * period ended. The profiles are a copy, so the result is a function of them alone: the groups are the same
 * whether they are ready early, are waited for, or are not used (then computed on the scoring thread).
 */
final class PeerGroupsAhead {

    /** One daemon thread for every model of the JVM: grouping is rare (every regrouping period) and short. */
    private static final ExecutorService GROUPING = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "netrare-peer-groups");
        t.setDaemon(true);
        return t;
    });

    private final long boundary;
    private final long evictions;
    private final Map<String, CompletableFuture<PeerGroups>> byPartition = new HashMap<>();

    private PeerGroupsAhead(long boundary, long evictions) {
        this.boundary = boundary;
        this.evictions = evictions;
    }

    /**
     * Starts grouping each partition's profiles as of {@code boundary}, taken when the model had evicted
     * {@code evictions} pairs.
     */
    static PeerGroupsAhead start(long boundary, long evictions,
                                 Map<String, ? extends SortedMap<String, ? extends Map<String, Double>>> profiles,
                                 PeerRareConfig config) {
        PeerGroupsAhead ahead = new PeerGroupsAhead(boundary, evictions);
        profiles.forEach((partition, p) -> ahead.byPartition.put(partition,
                CompletableFuture.supplyAsync(() -> PeerGroups.compute(p, config), GROUPING)));
        return ahead;
    }

    /** Whether these groups are the ones of the period starting at {@code b}: no pair was evicted since. */
    boolean validFor(long b, long evictionsNow) {
        return b == boundary && evictionsNow == evictions;
    }

    /** A partition's groups (waiting for them if need be), or null when there are none to take. */
    PeerGroups take(String partition) {
        CompletableFuture<PeerGroups> f = byPartition.remove(partition);
        if (f == null) {
            return null;
        }
        try {
            return f.join();
        } catch (CompletionException e) {
            return null; // computed again on the scoring thread, which reports the failure itself
        }
    }
}
