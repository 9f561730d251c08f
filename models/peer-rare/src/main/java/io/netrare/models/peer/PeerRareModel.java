package io.netrare.models.peer;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.netrare.schema.spi.AnomalyModel;
import io.netrare.schema.spi.BucketObservation;
import io.netrare.schema.spi.EntityKey;
import io.netrare.schema.spi.JobSpec;
import io.netrare.schema.spi.ScoredEntity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code peer_rare}: a process is anomalous on a host when it is rare on that host and rare within the host's
 * peer group (hosts that run the same kind of things), unless it is due on a cadence it keeps (hourly, 6-hourly,
 * daily, weekly). The fleet-wide view (Elastic's rare, exactly) judges lone hosts and is reported on every record.
 * State per entity (partition, process) and per (host, process) pair; peer groups are a pure function of that
 * state at the last regrouping boundary, so shares merge into exactly the model one instance builds.
 */
public final class PeerRareModel implements AnomalyModel {

    public static final String TYPE = "peer_rare";
    private static final Logger LOG = LoggerFactory.getLogger(PeerRareModel.class);

    final JobSpec job;
    final PeerRareConfig config;
    final double lambda;
    final long spanMillis;
    final Cadence cadence;
    /** partition -> process -> state, sorted for deterministic snapshots and sums. */
    final TreeMap<String, TreeMap<String, ProcessState>> partitions = new TreeMap<>();
    long firstLearned = Long.MIN_VALUE;
    long lastLearned = Long.MIN_VALUE;
    BucketObservation lastBucket = BucketObservation.empty(Long.MIN_VALUE);
    int pairCount;
    long evictions;
    MemoryStatus status = MemoryStatus.ok;
    /** Peer groups per partition, for the boundary {@link #groupsBoundary}. */
    final Map<String, PeerGroups> groups = new HashMap<>();
    long groupsBoundary = Long.MIN_VALUE;
    /** Groups of the next regrouping period, being computed off the scoring thread; null when none are. */
    private PeerGroupsAhead ahead;
    /** Pairs last seen before this are pruned already (not state: pruning again at the same cutoff changes nothing). */
    long prunedBefore = Long.MIN_VALUE;
    private final Map<String, PeerView> views = new HashMap<>();

    public PeerRareModel(JobSpec job, PeerRareConfig config) {
        this.job = requireNonNull(job, "job is null");
        this.config = requireNonNull(config, "config is null");
        this.lambda = config.lambdaPerBucket(job.bucketSpan());
        this.spanMillis = job.bucketSpanMillis();
        this.cadence = Cadence.of(config, spanMillis);
    }

    @Override
    public String type() {
        return TYPE;
    }

    static Set<String> hosts(BucketObservation.EntityActivity a) {
        return a.hosts().isEmpty() ? Set.of("") : a.hosts();
    }

    /** Start of the regrouping period holding bucket t: groups used in it come from the state before it. */
    long boundary(long t) {
        long period = config.regroupEveryBuckets() * spanMillis;
        return Math.floorDiv(t, period) * period;
    }

    @Override
    public void learn(BucketObservation bucket) {
        long t = bucket.bucketStart();
        if (lastLearned != Long.MIN_VALUE && t <= lastLearned) {
            throw new IllegalArgumentException("bucket " + Instant.ofEpochMilli(t) + " is not after the last learned "
                    + Instant.ofEpochMilli(lastLearned));
        }
        double one = Math.exp(-lambda);
        long b = boundary(t);
        bucket.entities().forEach((key, activity) -> {
            TreeMap<String, ProcessState> partition = partitions.computeIfAbsent(key.partitionValue(), p -> new TreeMap<>());
            ProcessState ps = partition.get(key.byValue());
            if (ps == null) {
                ps = new ProcessState(one, t, t, 1);
                partition.put(key.byValue(), ps);
            } else {
                ps.decayed = (ps.decayed * Math.exp(-lambda * ((t - ps.lastSeen) / spanMillis - 1)) + 1) * one;
                ps.previousSeen = ps.lastSeen;
                ps.lastSeen = t;
                ps.buckets++;
            }
            for (String host : hosts(activity)) {
                learnPair(ps, host, t, b, one);
            }
        });
        firstLearned = firstLearned == Long.MIN_VALUE ? t : firstLearned;
        lastLearned = t;
        lastBucket = bucket;
        views.clear();
        prune(t);
        boolean atCap = pairCount >= config.entityCap();
        if (pairCount > config.entityCap()) {
            PeerEviction.evictLeastSeen(this, t);
        }
        updateStatus(atCap);
    }

    private void learnPair(ProcessState ps, String host, long t, long b, double one) {
        PairState pair = ps.hosts.get(host);
        if (pair == null) {
            pair = new PairState(one, t, t, 1);
            pair.addRun(t);
            ps.hosts.put(host, pair);
            pairCount++;
            return;
        }
        if (pair.lastSeen < b && pair.boundaryMark != b) {
            // first update since the boundary: keep the value the peer groups of this period are computed from
            pair.boundaryMark = b;
            pair.boundaryValue = pair.decayed * Math.exp(-lambda * ((b - pair.lastSeen) / spanMillis));
        }
        boolean continuation = pair.lastSeen == t - spanMillis
                && t - pair.currentRunStart() < config.maxRunBuckets() * spanMillis;
        if (!continuation) {
            pair.addRun(t);
        }
        pair.decayed = (pair.decayed * Math.exp(-lambda * ((t - pair.lastSeen) / spanMillis - 1)) + 1) * one;
        pair.lastSeen = t;
        pair.buckets++;
    }

    /**
     * Removes the pairs not seen for {@code prune_silent_after} before the start of the regrouping period holding
     * {@code t}: a function of the pairs and the period alone, so every share, the merged model and a restored one
     * prune alike, and the peer groups of a period are always computed from pruned state.
     */
    void prune(long t) {
        long cutoff = boundary(t) - config.pruneSilentAfter().toMillis();
        if (cutoff > prunedBefore) {
            prunedBefore = cutoff;
            PeerEviction.pruneSilent(this, cutoff);
        }
    }

    private void updateStatus(boolean atCap) {
        MemoryStatus next = io.netrare.models.rare.MemoryLimits.next(status, atCap, pairCount,
                config.softLimitFraction() * config.entityCap());
        if (next != status) {
            LOG.warn("job {}: peer_rare memory status {} -> {} ({} host-process pairs, cap {}, {} evicted so far)",
                    job.jobId(), status, next, pairCount, config.entityCap(), evictions);
            status = next;
        }
    }

    /** A pair's decayed count as of the last learned bucket. */
    double now(PairState p) {
        return decayedNow(p.decayed, p.lastSeen);
    }

    /** A process's decayed count as of the last learned bucket. */
    double now(ProcessState p) {
        return decayedNow(p.decayed, p.lastSeen);
    }

    private double decayedNow(double decayed, long lastSeen) {
        long k = (lastLearned - lastSeen) / spanMillis;
        return k == 0 ? decayed : decayed * Math.exp(-lambda * k);
    }

    /** The decayed number of buckets learned, empty ones included: a function of the first and last bucket only. */
    double decayedBucketsInModel() {
        long n = bucketsInModel();
        if (lambda == 0) {
            return n;
        }
        double q = Math.exp(-lambda);
        return q * (1 - Math.pow(q, n)) / (1 - q);
    }

    public long bucketsInModel() {
        return lastLearned == Long.MIN_VALUE ? 0 : (lastLearned - firstLearned) / spanMillis + 1;
    }

    TreeMap<String, ProcessState> partition(String value) {
        return partitions.getOrDefault(value, new TreeMap<>());
    }

    /** The peer groups of a partition for the current regrouping period, computed from the state at its start. */
    public PeerGroups peerGroups(String partitionValue) {
        long b = boundary(lastLearned);
        if (b != groupsBoundary) {
            groups.clear();
            groupsBoundary = b;
            if (ahead != null && !ahead.validFor(b, evictions)) {
                ahead = null;
            }
        }
        return groups.computeIfAbsent(partitionValue, p -> {
            PeerGroups computed = ahead == null ? null : ahead.take(p);
            return computed != null ? computed : PeerGroups.compute(profiles(p, b), config);
        });
    }

    /**
     * After scoring the last bucket of a regrouping period, starts computing the next period's groups off this
     * thread: every pair is then last seen before the next boundary, so the profiles as of it are known now (those
     * the next bucket's pruning removes left out). The next period's first bucket takes them unless it starts a later
     * period or evicted pairs at the cap meanwhile; then the groups are computed there, the same either way.
     */
    private void regroupAhead(long t) {
        long next = t + spanMillis;
        if (boundary(next) != next) {
            return;
        }
        Map<String, TreeMap<String, Map<String, Double>>> profiles = new java.util.LinkedHashMap<>();
        partitions.keySet().forEach(p -> profiles.put(p, profiles(p, next)));
        ahead = PeerGroupsAhead.start(next, evictions, profiles, config);
    }

    /**
     * host -> process -> decayed count as of the boundary b, from the pairs seen before it and not pruned at it
     * (pruned pairs are gone once a bucket of the period is learned; left out here for groups computed ahead).
     */
    private TreeMap<String, Map<String, Double>> profiles(String partitionValue, long b) {
        TreeMap<String, Map<String, Double>> out = new TreeMap<>();
        long pruned = b - config.pruneSilentAfter().toMillis();
        partition(partitionValue).forEach((process, ps) -> ps.hosts.forEach((host, pair) -> {
            double v;
            if (pair.firstSeen >= b || pair.lastSeen < pruned) {
                return;
            } else if (pair.lastSeen < b) {
                v = pair.decayed * Math.exp(-lambda * ((b - pair.lastSeen) / spanMillis));
            } else if (pair.boundaryMark == b) {
                v = pair.boundaryValue;
            } else {
                return;
            }
            out.computeIfAbsent(host, h -> new TreeMap<>()).put(process, v);
        }));
        return out;
    }

    PeerView view(String partitionValue) {
        return views.computeIfAbsent(partitionValue,
                p -> new PeerView(this, p, peerGroups(p), config.minGroupSize()));
    }

    @Override
    public long lastLearnedBucket() {
        return lastLearned;
    }

    @Override
    public BucketObservation lastBucket() {
        return lastBucket;
    }

    @Override
    public List<ScoredEntity> score(BucketObservation bucket) {
        if (bucket.bucketStart() != lastLearned) {
            throw new IllegalArgumentException("score the bucket just learned (" + lastLearned + "), not "
                    + bucket.bucketStart());
        }
        List<ScoredEntity> out = new ArrayList<>(bucket.entities().size());
        PeerScorer scorer = new PeerScorer(this);
        bucket.entities().forEach((key, activity) -> out.add(scorer.score(key, activity, bucket.bucketStart())));
        regroupAhead(bucket.bucketStart());
        return out;
    }

    @Override
    public Optional<ScoredEntity> scoreInterim(BucketObservation openBucketSoFar, EntityKey entity) {
        long t = openBucketSoFar.bucketStart();
        BucketObservation.EntityActivity a = openBucketSoFar.entities().get(entity);
        if (a == null || lastLearned == Long.MIN_VALUE || t <= lastLearned) {
            return Optional.empty();
        }
        return new PeerScorer(this).interim(entity, a, t);
    }

    @Override
    public int entityCount() {
        return pairCount;
    }

    @Override
    public MemoryStatus memoryStatus() {
        return status;
    }

    @Override
    public long evictions() {
        return evictions;
    }

    @Override
    public JsonNode snapshot() {
        return PeerSnapshots.write(this);
    }
}
