package io.netrare.models.peer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One entity's hosts as peer evidence at the bucket being scored, summed once per scope (each peer group, a host
 * that is not grouped on its own, and the whole fleet), so that judging each of its hosts costs the same whatever
 * the group's size: the hosts that ran it before the bucket (their number and decayed counts), and those that began
 * less than the outbreak window ago, by the bucket they began in (hosts that began together are no support for one
 * another). Built in one pass over the entity's hosts.
 */
final class EntityPeers {

    /** The hosts of one scope that ran the process. */
    static final class Scope {
        final String name;
        int before;
        double sumBefore;
        /** first bucket -> hosts that began then, for starts inside the outbreak window (the bucket itself included). */
        final Map<Long, Start> recent = new HashMap<>();
        int size = -1;

        Scope(String name) {
            this.name = name;
        }
    }

    /** Hosts of a scope that began running the process in one bucket, and their decayed counts (0 when it is now). */
    static final class Start {
        int count;
        double sum;
    }

    /** What peers say for one host: peers that ran it before, their decayed counts, hosts that began with it. */
    record Support(int peersSeen, double established, int startedWith) {
    }

    private final PeerRareModel model;
    private final PeerView view;
    private final long t;
    final Scope fleet = new Scope(null);
    private final Map<String, Scope> scopes = new HashMap<>();
    /** first bucket (inside the outbreak window, before t) -> scopes holding hosts that began then. */
    private final Map<Long, List<Scope>> byStart = new HashMap<>();
    private int seenScopes;
    private final Map<Long, int[]> withoutStart = new HashMap<>();
    private int scatteredScopes;

    EntityPeers(PeerRareModel model, PeerView view, ProcessState ps, long t) {
        this.model = model;
        this.view = view;
        this.t = t;
        if (ps == null) {
            return;
        }
        ps.hosts.forEach((host, q) -> {
            double now = q.firstSeen < t ? model.now(q) : 0;
            Scope scope = scopes.computeIfAbsent(view.groupKey(host), Scope::new);
            add(fleet, q.firstSeen, now);
            if (add(scope, q.firstSeen, now)) {
                byStart.computeIfAbsent(q.firstSeen, k -> new ArrayList<>()).add(scope);
            }
        });
        for (Scope s : scopes.values()) {
            if (s.before > 0) {
                seenScopes++;
                scatteredScopes += scattered(s, s.before) ? 1 : 0;
            }
        }
    }

    /** Adds a host to a scope; true when it is the first of the scope to begin in a recent bucket before t. */
    private boolean add(Scope s, long firstSeen, double now) {
        if (firstSeen < t) {
            s.before++;
            s.sumBefore += now;
        }
        if (!recent(firstSeen)) {
            return false;
        }
        Start start = s.recent.get(firstSeen);
        boolean first = start == null;
        if (first) {
            start = new Start();
            s.recent.put(firstSeen, start);
        }
        start.count++;
        start.sum += now;
        return first && firstSeen < t;
    }

    private boolean recent(long start) {
        return t - start < PeerScorer.OUTBREAK_WINDOW_MILLIS;
    }

    /** The scope a host is judged in: its peer group, or the fleet when {@code fleetScope}. */
    Scope scope(String host, boolean fleetScope) {
        return fleetScope ? fleet : scopes.get(view.groupKey(host));
    }

    /**
     * Peer support for a host of {@code scope} whose own history with the process began at {@code ownStart} (the
     * bucket itself when it has none, {@code pair} null): peers that ran it before the bucket, not counting those
     * that began with the host less than the outbreak window ago, nor the host itself.
     */
    Support support(Scope scope, PairState pair, long ownStart) {
        if (scope == null) {
            return new Support(0, 0, 0);
        }
        boolean together = recent(ownStart);
        Start with = together ? scope.recent.get(ownStart) : null;
        boolean self = pair != null;
        int startedWith = with == null ? 0 : with.count - (self ? 1 : 0);
        int peersSeen = scope.before;
        double established = scope.sumBefore;
        if (with != null && ownStart < t) {
            peersSeen -= with.count; // the host itself among them when it has a pair
            established -= with.sum;
        } else if (self && pair.firstSeen < t) {
            peersSeen--;
            established -= model.now(pair);
        }
        // sums taken apart are exact only up to rounding: no peers, no count
        return new Support(peersSeen, peersSeen == 0 ? 0 : Math.max(0, established), startedWith);
    }

    /**
     * Other scopes running the process (hosts that ran it before the bucket, not those that began with a host of
     * {@code ownScope} at {@code ownStart}), and how many of them are scattered (a minority of a group of two or more).
     * Returns {seen, scattered}.
     */
    int[] spread(String ownScope, long ownStart) {
        boolean without = recent(ownStart) && ownStart < t;
        int[] change = without ? withoutStart.computeIfAbsent(ownStart, this::withoutStart) : new int[2];
        int seen = seenScopes - change[0];
        int scattered = scatteredScopes + change[1];
        Scope own = scopes.get(ownScope);
        if (own != null) {
            Start with = without ? own.recent.get(ownStart) : null;
            int left = own.before - (with == null ? 0 : with.count);
            if (left > 0) {
                seen--;
                scattered -= scattered(own, left) ? 1 : 0;
            }
        }
        return new int[]{seen, scattered};
    }

    /**
     * How leaving out the hosts that began at {@code start} changes the scopes seen and scattered: {scopes no longer
     * seen, change in scattered scopes}. Once per start bucket, so a host costs the same however many scopes began
     * with it (before the first grouping every host is a scope of its own).
     */
    private int[] withoutStart(long start) {
        int unseen = 0;
        int scattered = 0;
        for (Scope s : byStart.getOrDefault(start, List.of())) {
            int left = s.before - s.recent.get(start).count;
            unseen += left == 0 ? 1 : 0;
            scattered += (scattered(s, left) ? 1 : 0) - (scattered(s, s.before) ? 1 : 0);
        }
        return new int[]{unseen, scattered};
    }

    /** Run by at most half of a group's hosts (a group of two or more), as a tool of one OS or agent is. */
    private boolean scattered(Scope s, int count) {
        if (count <= 0) {
            return false;
        }
        if (s.size < 0) {
            s.size = view.groups.members(s.name).size();
        }
        return s.size >= 2 && 2 * count <= s.size;
    }
}
