package io.netrare.models.rare;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The eviction order of the models with an entity cap (rare, peer_rare, first_seen): every candidate not seen
 * since {@code idleBefore} goes first, then the least recently seen (ties by smaller decayed count, then by key),
 * so eviction is deterministic and the rare values that are still active are kept. It evicts 1% below the cap at
 * once so that the O(n log n) selection runs rarely during a cardinality flood. What the bucket just learned holds
 * is the caller's to leave out of the candidates (it is about to be scored).
 */
public final class CapEviction {

    private CapEviction() {
    }

    /** One entry a model could evict, with what orders it. */
    public record Candidate<K extends Comparable<? super K>>(K key, double decayed, long lastSeen) {
    }

    /** The count eviction brings a model down to: 1% below the cap, at least one below. */
    public static int target(int cap) {
        return cap - Math.max(1, cap / 100);
    }

    /**
     * The keys to evict, in order, from a model holding {@code count} entries (each eviction removes one): the
     * candidates idle since before {@code idleBefore}, then the least recently seen until the count is down to
     * {@link #target}. Sorts {@code candidates}.
     */
    public static <K extends Comparable<? super K>> List<K> select(List<Candidate<K>> candidates, int count, int cap,
                                                                  long idleBefore) {
        candidates.sort(Comparator.<Candidate<K>>comparingLong(Candidate::lastSeen)
                .thenComparingDouble(Candidate::decayed)
                .thenComparing(Candidate::key));
        int target = target(cap);
        List<K> out = new ArrayList<>();
        for (Candidate<K> c : candidates) {
            if (c.lastSeen() >= idleBefore && count - out.size() <= target) {
                break;
            }
            out.add(c.key());
        }
        return out;
    }
}
