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
    private final java.util.Map<String, int[]> spreadCache = new java.util.HashMap<>();

    PeerScorer(PeerRareModel model) {
        this.model = model;
    }

    /** Hosts of a group that begin running a process in the same bucket, none running it before: an outbreak. */
    static final int OUTBREAK_MIN_HOSTS = 2;
    /** How long hosts that began a process in the same bucket are not counted as support for one another. */
    static final long OUTBREAK_WINDOW_MILLIS = 24 * 3_600_000L;

    /** Reasons a candidate rare on its host is held back, as counted and written on audit records. */
    static final String PEER_SUPPORT = "peer_support";
    static final String COMMON_IN_GROUP = "common_in_group";
    static final String BASE_SYSTEM = "base_system";
    static final String CADENCE = "cadence";

    /**
     * How one host sees the process. {@code suppressedBy} is set when the process is rare on the host but the
     * verdict is not, with {@code unsuppressed} the probability without that reason; {@code outbreakHosts} counts
     * the hosts of the group that began running it in the same bucket as this host, none before (0 when it is no
     * outbreak).
     */
    private record HostVerdict(String host, double p, double pHost, double pGroup, double pFleet, String group,
                               int groupSize, int peersSeen, String cadence, PairState pair, boolean fleetGroup,
                               String suppressedBy, double unsuppressed, int outbreakHosts) {
    }

    ScoredEntity score(EntityKey key, BucketObservation.EntityActivity activity, long t) {
        PeerView view = model.view(key.partitionValue());
        ProcessState ps = model.partition(key.partitionValue()).get(key.byValue());
        double pFleet = ps == null ? 1.0 : view.fleet.probability(model.now(ps), true);
        HostVerdict best = null;
        spreadCache.clear();
        EntityPeers peers = new EntityPeers(model, view, ps, t);
        HostVerdict held = null;
        for (String host : new TreeSet<>(PeerRareModel.hosts(activity))) {
            HostVerdict v = judge(view, ps, peers, key.byValue(), host, pFleet, t);
            if (best == null || v.p < best.p) {
                best = v;
            }
            if (v.suppressedBy != null && (held == null || v.unsuppressed < held.unsuppressed)) {
                held = v;
            }
        }
        // no host finds it rare: the verdict is explained by the host where it was held back hardest, if any
        boolean anomalous = best.p < model.config.unusualProbability();
        return scored(key, t, anomalous || held == null ? best : held, ps);
    }

    /**
     * Peer support counts only peers whose history with the process began before the bucket being scored, and not
     * in the same bucket as this host's own while that is less than a day ago: hosts that begin together are not
     * evidence for one another, so a new binary that lands on many hosts of a group at once (an outbreak) is judged
     * as new to the group for its first day.
     */
    private HostVerdict judge(PeerView view, ProcessState ps, EntityPeers peers, String process, String host,
                              double pFleet, long t) {
        PairState pair = ps == null ? null : ps.hosts.get(host);
        long ownStart = pair == null ? t : Math.min(t, pair.firstSeen);
        double a = pair == null ? Math.exp(-model.lambda) : model.now(pair);
        double pHost = view.hostTable(host).probability(a, pair != null);
        String group = view.groupKey(host);
        List<String> members = view.groups.members(group);
        boolean fleetGroup = view.usesFleet(host);
        // a lone host, or one that joined after the groups were formed, has no peers: the fleet is its peer group, and
        // the hosts that ran the process before count as support (as peers do in a group)
        boolean newcomer = fleetGroup;
        EntityPeers.Support support = peers.support(peers.scope(host, newcomer), pair, ownStart);
        int peersSeen = support.peersSeen();
        int startedWith = support.startedWith();
        double establishedCount = (pair == null ? 0 : a) + support.established();
        int outbreakHosts = (!fleetGroup || newcomer) && peersSeen == 0 && startedWith + 1 >= OUTBREAK_MIN_HOSTS ? startedWith + 1 : 0;
        double pGroup;
        if (fleetGroup) {
            pGroup = pFleet;
        } else if (pair == null) {
            pGroup = view.groupTable(host).probability(a, false);
        } else {
            pGroup = view.groupProbability(host, process, Math.min(view.modelBuckets, establishedCount));
        }
        int[] spreadAndScattered = outbreakHosts > 0 ? new int[2]
                : spreadCache.computeIfAbsent(group + '\u0000' + (t - ownStart < OUTBREAK_WINDOW_MILLIS ? ownStart : ""),
                        g -> spreadGroups(view, ps, peers, group, ownStart));
        int spread = spreadAndScattered[0];
        // a tool scattered over part of several groups (one OS's package manager, say) is judged against the fleet, not
        // the role: its absence from a role says nothing
        double pPeers = spreadAndScattered[1] > 0 ? Math.max(pGroup, pFleet) : pGroup;
        double cutoff = model.config.unusualProbability();
        // most of the host's peers ran it before: it belongs to this kind of host (a job of the role or of its OS), however
        // seldom it runs; hosts that began with this one are no peers here, so an outbreak is never a majority
        int others = (newcomer ? view.hostCount() : members.size()) - 1;
        boolean majority = peersSeen > 0 && peersSeen >= model.config.peerMajority() * others;
        if (majority) {
            pPeers = Math.max(pPeers, cutoff);
        }
        double p = combine(pHost, pPeers, peersSeen + spread);
        // cadence only matters for what would otherwise be rare, so it is looked for only then; a run on many hosts of
        // a group that none of them ran before is never excused by a cadence
        String cadence = p < cutoff && pair != null && outbreakHosts == 0
                ? cadence(ps, pair, host, newcomer ? null : members, ownStart, t) : null;
        String suppressedBy = null;
        double unsuppressed = p;
        if (pHost < cutoff && (cadence != null || p >= cutoff)) {
            double alone = combine(pHost, pGroup, 0);
            unsuppressed = Math.min(p, alone);
            if (cadence != null) {
                suppressedBy = CADENCE;
            } else if (majority && alone < cutoff) {
                suppressedBy = PEER_SUPPORT;
            } else if (spread > 0 && combine(pHost, pGroup, peersSeen) < cutoff) { // the fleet view and spread excused it
                suppressedBy = BASE_SYSTEM;
            } else if (peersSeen > 0 && alone < cutoff) {
                suppressedBy = PEER_SUPPORT;
            } else {
                suppressedBy = COMMON_IN_GROUP;
                unsuppressed = pHost;
            }
        }
        return new HostVerdict(host, cadence != null ? 1.0 : p, pHost, pGroup, pFleet,
                !newcomer ? group : view.groups.groupOf(host) == null ? "fleet (new host, not grouped yet)"
                        : "fleet (host has no peers)", newcomer ? view.hostCount() : members.size(),
                peersSeen, cadence, pair, fleetGroup, suppressedBy, unsuppressed, outbreakHosts);
    }

    /**
     * The cadence the current run is due on, or null: the host's own; else the host's own shorter one when another
     * host that ran the process before keeps the same job (the same period, at the same time); else a peer's
     * established cadence (a peer in the group, or for a host judged against the fleet, any host that ran it before).
     * A periodic system job (an upgrade timer) thus stops scoring from its third run on a host once another host runs
     * it on the same schedule, and a host that joins inherits its peers' slot.
     *
     * @param members the host's group, or null when the host is judged against the fleet
     */
    private String cadence(ProcessState ps, PairState pair, String host, List<String> members, long ownStart, long t) {
        Cadence.Detected own = model.cadence.onCadence(pair);
        if (own != null) {
            return own.describe("host");
        }
        // the other hosts that ran it before this bucket, as for peer support (not those that began with this host)
        List<String> before = new java.util.ArrayList<>();
        ps.hosts.forEach((h, q) -> {
            if (!h.equals(host) && q.firstSeen < t && !(q.firstSeen == ownStart && t - ownStart < OUTBREAK_WINDOW_MILLIS)) {
                before.add(h);
            }
        });
        if (pair.runs.length >= 3) {
            for (String other : before) {
                Cadence.Detected d = model.cadence.corroborated(pair, ps.hosts.get(other));
                if (d != null) {
                    return d.describe("host, as on " + other);
                }
            }
        }
        // a peer's established cadence; or two peers that each ran it once a period before, at this time
        java.util.Map<Long, String> once = new java.util.HashMap<>();
        for (String peer : members == null ? before : members) {
            PairState q = peer.equals(host) ? null : ps.hosts.get(peer);
            Cadence.Detected d = q == null ? null : model.cadence.peerDue(q, pair.currentRunStart());
            if (d != null) {
                return d.describe("peer " + peer);
            }
            Cadence.Detected o = q == null ? null : model.cadence.peerDueOnce(q, pair.currentRunStart());
            if (o != null) {
                String first = once.putIfAbsent(o.periodMillis(), peer);
                if (first != null) {
                    return o.describe("peers " + first + ", " + peer);
                }
            }
        }
        return null;
    }


    /**
     * Other groups running the process, when it runs across at least the configured share of the groups, or is
     * scattered over a minority of the hosts of two groups or more: then it belongs to the base system (a package
     * manager, a DHCP client of one OS), not to a role, and its absence from the host's role says nothing.
     * Returns {other groups running it, 1 when scattered}; {0, 0} when neither.
     */
    private int[] spreadGroups(PeerView view, ProcessState ps, EntityPeers peers, String ownGroup, long ownStart) {
        if (ps == null || view.groupCount() < 2) {
            return new int[2];
        }
        // like peer support: hosts that ran it before this bucket, not those that began with this host
        int[] seenAndScattered = peers.spread(ownGroup, ownStart);
        int seen = seenAndScattered[0];
        int scattered = seenAndScattered[1];
        if (scattered >= 2 || seen >= model.config.baseSystemSpread() * (view.groupCount() - 1)) {
            return new int[]{seen, scattered >= 2 ? 1 : 0};
        }
        return new int[2];
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
        } else if (v.outbreakHosts > 0) {
            why = String.format(Locale.ROOT, "outbreak: %d hosts of %s began running it in the same bucket and none ran"
                    + " it before; P(host)=%.3g, P(peer group)=%.3g, P=%.3g", v.outbreakHosts, v.group, v.pHost,
                    v.pGroup, v.p);
        } else {
            why = String.format(Locale.ROOT, "P(host)=%.3g, P(%s)=%.3g, %d peer(s) ran it, P=%.3g%s", v.pHost,
                    v.fleetGroup ? "fleet" : "peer group", v.pGroup, v.peersSeen, v.p,
                    v.p < model.config.unusualProbability() ? ": rare on the host and among its peers"
                            : v.pHost < model.config.unusualProbability() ? ": rare on the host but common among its peers"
                            : ": common on the host");
        }
        String reason = String.format(Locale.ROOT, "%s '%s' on host '%s' (seen in %d of %d earlier buckets there; "
                        + "%d of %d peers in %s ran it; fleet P=%.3g): %s",
                model.job.byFieldName(), key.byValue(), v.host, seenBefore, inModel - 1, v.peersSeen,
                v.groupSize - 1, v.group, v.pFleet, why);
        Explanation e = new Explanation(seenBefore, a, inModel, seenBefore == 0, first, last, null, List.of(), v.group,
                v.groupSize, v.peersSeen, v.cadence, reason);
        if (v.outbreakHosts > 0) {
            e = e.withOutbreakHosts(v.outbreakHosts);
        }
        if (v.suppressedBy != null) {
            e = e.withSuppression(v.suppressedBy, v.unsuppressed);
        }
        return e;
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
                        null, null, fleetGroup, null, p, 0);
                return Optional.of(scored(key, t, v, ps));
            }
        }
        return Optional.empty();
    }
}
