package io.netrare.models.peer;

import io.netrare.models.rare.RawScores;
import io.netrare.schema.Explanation;
import io.netrare.schema.spi.BucketObservation;
import io.netrare.schema.spi.EntityKey;
import io.netrare.schema.spi.ScoredEntity;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Scores one entity of a bucket: per host running it, P = max(P on the host, P in its peer group), or 1 when the
 * run is due on a cadence (the host's own, or a peer's in the same group); the entity's P is the smallest over its
 * hosts, explained by that host. A lone host's group view is the fleet's (Elastic's rare P).
 */
final class PeerScorer {

    private final PeerRareModel model;
    /** Spread of the entity being scored, per group (the same for every host of a group). */
    private final java.util.Map<String, Integer> spreadCache = new java.util.HashMap<>();

    PeerScorer(PeerRareModel model) {
        this.model = model;
    }

    /** How one host sees the process. */
    private record HostVerdict(String host, double p, double pHost, double pGroup, double pFleet, String group,
                               int groupSize, int peersSeen, String cadence, PairState pair, boolean fleetGroup) {
    }

    ScoredEntity score(EntityKey key, BucketObservation.EntityActivity activity, long t) {
        PeerView view = model.view(key.partitionValue());
        ProcessState ps = model.partition(key.partitionValue()).get(key.byValue());
        double pFleet = ps == null ? 1.0 : view.fleet.probability(model.now(ps), true);
        HostVerdict best = null;
        spreadCache.clear();
        for (String host : new TreeSet<>(PeerRareModel.hosts(activity))) {
            HostVerdict v = judge(view, ps, key.byValue(), host, pFleet);
            if (best == null || v.p < best.p) {
                best = v;
            }
        }
        return scored(key, t, best, ps);
    }

    private HostVerdict judge(PeerView view, ProcessState ps, String process, String host, double pFleet) {
        PairState pair = ps == null ? null : ps.hosts.get(host);
        double a = pair == null ? Math.exp(-model.lambda) : model.now(pair);
        double pHost = view.hostTable(host).probability(a, pair != null);
        String group = view.groupKey(host);
        List<String> members = view.groups.members(group);
        boolean fleetGroup = view.usesFleet(host);
        int peersSeen = 0;
        for (String peer : members) {
            if (ps != null && !peer.equals(host) && ps.hosts.containsKey(peer)) {
                peersSeen++;
            }
        }
        double pGroup = fleetGroup ? pFleet
                : view.groupTable(host).probability(pair == null ? a : view.groupCount(host, process), pair != null);
        double p = combine(pHost, pGroup, peersSeen + spreadCache.computeIfAbsent(group, g -> spreadGroups(view, ps, g)));
        // cadence only matters for what would otherwise be rare, so it is looked for only then
        String cadence = p < model.config.unusualProbability() && pair != null ? cadence(view, ps, pair, host, members) : null;
        return new HostVerdict(host, cadence != null ? 1.0 : p, pHost, pGroup, pFleet, group, members.size(), peersSeen,
                cadence, pair, fleetGroup);
    }

    /** The cadence the current run is due on: the host's own, else a peer's in the same group; null when none. */
    private String cadence(PeerView view, ProcessState ps, PairState pair, String host, List<String> members) {
        Cadence.Detected own = model.cadence.onCadence(pair);
        if (own != null) {
            return own.describe("host");
        }
        if (view.usesFleet(host)) {
            return null;
        }
        for (String peer : members) {
            PairState q = peer.equals(host) ? null : ps.hosts.get(peer);
            Cadence.Detected d = q == null ? null : model.cadence.peerDue(q, pair.currentRunStart());
            if (d != null) {
                return d.describe("peer " + peer);
            }
        }
        return null;
    }


    /**
     * Other groups running the process, when it runs across at least the configured share of the groups, or is
     * scattered over a minority of the hosts of two groups or more: then it belongs to the base system (a package
     * manager, a DHCP client of one OS), not to a role, and its absence from the host's role says nothing.
     * Zero otherwise.
     */
    private int spreadGroups(PeerView view, ProcessState ps, String ownGroup) {
        if (ps == null || view.groupCount() < 2) {
            return 0;
        }
        java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        for (String h : ps.hosts.keySet()) {
            seen.merge(view.groupKey(h), 1, Integer::sum);
        }
        seen.remove(ownGroup);
        // scattered: run by at most half of a group's hosts, as a tool of one OS or agent is, unlike a role's tool
        int scattered = 0;
        for (java.util.Map.Entry<String, Integer> e : seen.entrySet()) {
            int size = view.groups.members(e.getKey()).size();
            if (size >= 2 && 2 * e.getValue() <= size) {
                scattered++;
            }
        }
        if (scattered >= 2 || seen.size() >= model.config.baseSystemSpread() * (view.groupCount() - 1)) {
            return seen.size();
        }
        return 0;
    }

    /**
     * Both views gate: the process must be rare on the host and rare among its peers (else P is the larger of the
     * two, above the cut-off). When it is, the host's and the peer group's
     * P are combined as two independent tests (Fisher's method), capped by the group's P: both must be small for
     * the result to be small. Each peer of the group that already ran the process is evidence that it belongs to
     * this kind of host and raises the group's P by the peer-support weight.
     */
    double combine(double pHost, double pGroup, int peersSeen) {
        double group = Math.min(1.0, pGroup * (1 + model.config.peerSupportWeight() * peersSeen));
        if (pHost >= model.config.unusualProbability() || group >= model.config.unusualProbability()) {
            return Math.max(pHost, group);
        }
        // Fisher's method for two independent p-values: P(X <= q) with X the product of two uniforms
        double q = pHost * group;
        return Math.max(Double.MIN_NORMAL, Math.min(group, q * (1 - Math.log(q))));
    }

    private ScoredEntity scored(EntityKey key, long t, HostVerdict v, ProcessState ps) {
        boolean anomalous = v.p < model.config.unusualProbability();
        double raw = RawScores.anomalyScore(v.p);
        // explained when a record can be written for it: anomalous, or rare on the host (its final record may
        // supersede an interim one); the rest are only fed to the normalizer
        boolean explained = anomalous || v.pHost < model.config.unusualProbability();
        return new ScoredEntity(key, t, v.p, raw, anomalous, explained ? explain(key, t, v, ps) : null);
    }

    private Explanation explain(EntityKey key, long t, HostVerdict v, ProcessState ps) {
        long inModel = Math.max(1, model.bucketsInModel());
        long seenBefore = v.pair == null ? 0 : v.pair.buckets - 1;
        double a = v.pair == null ? 0 : model.now(v.pair);
        Instant first = Instant.ofEpochMilli(v.pair == null ? t : v.pair.firstSeen);
        Instant last = ps == null || ps.previousSeen == Long.MIN_VALUE ? null : Instant.ofEpochMilli(ps.previousSeen);
        String why;
        if (v.cadence != null) {
            why = "expected: runs " + v.cadence + " and this run is due";
        } else {
            why = String.format(Locale.ROOT, "P(host)=%.3g, P(%s)=%.3g, %d peer(s) ran it, P=%.3g%s", v.pHost,
                    v.fleetGroup ? "fleet, host has no peers" : "peer group", v.pGroup, v.peersSeen, v.p,
                    v.p < model.config.unusualProbability() ? ": rare on the host and among its peers"
                            : v.pHost < model.config.unusualProbability() ? ": rare on the host but common among its peers"
                            : ": common on the host");
        }
        String reason = String.format(Locale.ROOT, "%s '%s' on host '%s' (seen in %d of %d earlier buckets there; "
                        + "%d of %d peers in %s ran it; fleet P=%.3g): %s",
                model.job.byFieldName(), key.byValue(), v.host, seenBefore, inModel - 1, v.peersSeen,
                v.groupSize - 1, v.group, v.pFleet, why);
        return new Explanation(seenBefore, a, inModel, seenBefore == 0, first, last, null, List.of(), v.group,
                v.groupSize, v.peersSeen, v.cadence, reason);
    }

    /**
     * Interim verdict from the model as learned so far: only a process new on a host and unseen among its peers
     * is flagged before its bucket closes; the final record (same id) carries the full verdict.
     */
    Optional<ScoredEntity> interim(EntityKey key, BucketObservation.EntityActivity activity, long t) {
        PeerView view = model.view(key.partitionValue());
        ProcessState ps = model.partition(key.partitionValue()).get(key.byValue());
        for (String host : new TreeSet<>(PeerRareModel.hosts(activity))) {
            if (ps != null && ps.hosts.containsKey(host)) {
                continue;
            }
            double one = Math.exp(-model.lambda);
            double pHost = view.hostTable(host).probability(one, false);
            boolean fleetGroup = view.usesFleet(host);
            double pFleet = ps == null ? view.fleet.probability(one, false) : view.fleet.probability(model.now(ps), true);
            double groupCount = view.groupCount(host, key.byValue());
            if (!fleetGroup && groupCount > 0) {
                continue;
            }
            double pGroup = fleetGroup ? pFleet : view.groupTable(host).probability(one, false);
            double p = combine(pHost, pGroup, 0);
            if (p < model.config.unusualProbability()) {
                List<String> members = view.groups.members(view.groupKey(host));
                HostVerdict v = new HostVerdict(host, p, pHost, pGroup, pFleet, view.groupKey(host), members.size(), 0,
                        null, null, fleetGroup);
                return Optional.of(scored(key, t, v, ps));
            }
        }
        return Optional.empty();
    }
}
