package io.netrare.models.peer;

import io.netrare.models.rare.RarityTable;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The model as of its last learned bucket, in the shapes scoring needs, for one partition: each host's rarity
 * table over its own processes, each peer group's table over its pooled counts, and the fleet's table over the
 * entities' bucket counts (the rare model's view, exactly). Built from the whole (merged) model only.
 */
final class PeerView {

    final PeerGroups groups;
    final int minGroupSize;
    final double modelBuckets;
    final RarityTable fleet;
    final Map<String, RarityTable> hostTables = new HashMap<>();
    final Map<String, RarityTable> groupTables = new HashMap<>();
    /** group -> process -> pooled count, min(decayed buckets in the model, sum over members of their counts). */
    final Map<String, Map<String, Double>> groupCounts = new HashMap<>();

    PeerView(PeerRareModel model, String partition, PeerGroups groups, int minGroupSize) {
        this.groups = groups;
        this.minGroupSize = minGroupSize;
        this.modelBuckets = model.decayedBucketsInModel();
        TreeMap<String, ProcessState> processes = model.partition(partition);
        double[] fleetValues = new double[processes.size()];
        int i = 0;
        Map<String, List<Double>> perHost = new HashMap<>(); // each host's table sorts its counts
        for (Map.Entry<String, ProcessState> e : processes.entrySet()) {
            fleetValues[i++] = model.now(e.getValue());
            Map<String, Double> sums = new HashMap<>(); // per group, added to in host order
            for (Map.Entry<String, PairState> h : e.getValue().hosts.entrySet()) {
                double a = model.now(h.getValue());
                perHost.computeIfAbsent(h.getKey(), k -> new ArrayList<>()).add(a);
                sums.merge(groupKey(h.getKey()), a, Double::sum);
            }
            sums.forEach((g, s) -> groupCounts.computeIfAbsent(g, k -> new HashMap<>())
                    .put(e.getKey(), Math.min(modelBuckets, s)));
        }
        this.fleet = new RarityTable(fleetValues, i);
        perHost.forEach((h, values) -> hostTables.put(h, table(values)));
        groupCounts.forEach((g, counts) -> groupTables.put(g, table(new ArrayList<>(counts.values()))));
    }

    /** Hosts with any history in the partition. */
    int hostCount() {
        return hostTables.size();
    }

    /** Groups in the partition (a host not grouped counts as its own group). */
    int groupCount() {
        if (groupCount < 0) {
            java.util.Set<String> keys = new java.util.HashSet<>();
            hostTables.keySet().forEach(h -> keys.add(groupKey(h)));
            groupCount = keys.size();
        }
        return groupCount;
    }

    private int groupCount = -1;

    private static RarityTable table(List<Double> values) {
        double[] v = new double[values.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = values.get(i);
        }
        return new RarityTable(v, v.length);
    }

    /** The group a host is judged in: its peer group, or the host itself when not grouped. */
    String groupKey(String host) {
        return groupKeys.computeIfAbsent(host, h -> {
            String g = groups.groupOf(h);
            return g == null ? h : g;
        });
    }

    /** host -> group key, looked up once per host and bucket (every pair of the host asks). */
    private final Map<String, String> groupKeys = new HashMap<>();

    int groupSize(String host) {
        return groups.members(groupKey(host)).size();
    }

    /** A host in a group smaller than the minimum (a lone host) is judged against the fleet instead. */
    boolean usesFleet(String host) {
        return groupSize(host) < minGroupSize;
    }

    RarityTable hostTable(String host) {
        RarityTable t = hostTables.get(host);
        return t == null ? new RarityTable(new double[0], 0) : t;
    }

    RarityTable groupTable(String host) {
        RarityTable t = groupTables.get(groupKey(host));
        return t == null ? new RarityTable(new double[0], 0) : t;
    }

    /**
     * P in the host's group of a process whose pooled count, counting only the members that ran it before this host,
     * is {@code count} (at most the table's pooled count for it): the table with that entry lowered to {@code count}.
     */
    double groupProbability(String host, String process, double count) {
        RarityTable t = groupTable(host);
        double full = groupCount(host, process);
        if (!(full > 0)) {
            return t.probability(count, false);
        }
        if (count >= full) {
            return t.probability(full, true);
        }
        double total = t.total() - full + count;
        if (!(total > 0) || !(count > 0)) {
            return 1.0;
        }
        return Math.max(Double.MIN_NORMAL, Math.min(1.0, (t.sumAtMost(count) + count) / total));
    }

    double groupCount(String host, String process) {
        return groupCounts.getOrDefault(groupKey(host), Map.of()).getOrDefault(process, 0.0);
    }
}
