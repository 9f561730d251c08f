package io.netrare.models.peer;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Peer groups of one partition: hosts grouped by what they run on the network. Each host is a TF-IDF vector over
 * its processes (tf = ln(1 + decayed bucket count), idf = ln(hosts / hosts running it), so the daemons every host
 * runs weigh nothing); hosts join the most similar group by cosine when it reaches the threshold. Deterministic:
 * hosts are visited in name order (leader clustering), then reassigned to the nearest centroid twice.
 * Configured groups (a fixed map or a pattern over the host name) take precedence for the hosts they cover.
 */
public final class PeerGroups {

    private final TreeMap<String, String> groupOf;
    private final TreeMap<String, List<String>> members;

    private PeerGroups(TreeMap<String, String> groupOf) {
        this.groupOf = groupOf;
        this.members = new TreeMap<>();
        groupOf.forEach((h, g) -> members.computeIfAbsent(g, k -> new ArrayList<>()).add(h));
        members.replaceAll((g, l) -> List.copyOf(l));
    }

    /** Empty groups: every host alone. */
    public static PeerGroups none() {
        return new PeerGroups(new TreeMap<>());
    }

    /** The groups as given (group name per host), e.g. restored from a snapshot. */
    public static PeerGroups of(Map<String, String> groupOfHost) {
        return new PeerGroups(new TreeMap<>(groupOfHost));
    }

    /**
     * Groups hosts from their process profiles.
     *
     * @param profiles host -> process -> decayed bucket count (hosts and processes in any order)
     */
    public static PeerGroups compute(SortedMap<String, ? extends Map<String, Double>> profiles, PeerRareConfig config) {
        requireNonNull(profiles, "profiles is null");
        TreeMap<String, String> groupOf = new TreeMap<>();
        Pattern pattern = config.hostGroupPattern() == null ? null : Pattern.compile(config.hostGroupPattern());
        TreeMap<String, Map<String, Double>> free = new TreeMap<>();
        profiles.forEach((host, profile) -> {
            String fixed = config.hostGroups().get(host);
            Matcher m = pattern == null ? null : pattern.matcher(host);
            if (fixed != null) {
                groupOf.put(host, "role:" + fixed);
            } else if (m != null && m.matches() && m.group(1) != null) {
                groupOf.put(host, "role:" + m.group(1));
            } else {
                free.put(host, profile);
            }
        });
        groupOf.putAll(bySimilarity(free, config.similarityThreshold()));
        return new PeerGroups(groupOf);
    }

    private static Map<String, String> bySimilarity(TreeMap<String, Map<String, Double>> profiles, double threshold) {
        TreeMap<String, Integer> df = new TreeMap<>();
        profiles.values().forEach(p -> p.keySet().forEach(proc -> df.merge(proc, 1, Integer::sum)));
        int hosts = profiles.size();
        List<String> names = new ArrayList<>(profiles.keySet());
        List<TreeMap<String, Double>> vectors = new ArrayList<>();
        for (String host : names) {
            TreeMap<String, Double> v = new TreeMap<>();
            new TreeMap<>(profiles.get(host)).forEach((proc, count) -> {
                double w = Math.log1p(count) * Math.log((double) hosts / df.get(proc));
                if (w > 0) {
                    v.put(proc, w);
                }
            });
            vectors.add(unit(v));
        }
        int[] assign = new int[names.size()];
        List<TreeMap<String, Double>> centroids = new ArrayList<>();
        // each centroid's sum of member vectors, added to in member order as members join: the same sums as adding
        // every member up again, at a cost linear in the hosts
        List<TreeMap<String, Double>> sums = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            assign[i] = nearest(vectors.get(i), centroids, threshold, -1);
            if (assign[i] < 0) {
                centroids.add(vectors.get(i));
                sums.add(new TreeMap<>(vectors.get(i)));
                assign[i] = centroids.size() - 1;
            } else {
                TreeMap<String, Double> sum = sums.get(assign[i]);
                vectors.get(i).forEach((k, x) -> sum.merge(k, x, Double::sum));
                centroids.set(assign[i], unit(sum));
            }
        }
        for (int pass = 0; pass < 2; pass++) {
            List<TreeMap<String, Double>> fixed = centroids(vectors, assign, centroids.size());
            for (int i = 0; i < names.size(); i++) {
                int best = nearest(vectors.get(i), fixed, threshold, -1);
                if (best >= 0) {
                    assign[i] = best;
                }
            }
        }
        // name each group by its first member (hosts are in name order), so names do not depend on cluster ids
        TreeMap<Integer, String> first = new TreeMap<>();
        for (int i = 0; i < names.size(); i++) {
            first.putIfAbsent(assign[i], names.get(i));
        }
        TreeMap<String, String> out = new TreeMap<>();
        for (int i = 0; i < names.size(); i++) {
            out.put(names.get(i), "peers:" + first.get(assign[i]));
        }
        return out;
    }

    private static int nearest(TreeMap<String, Double> v, List<TreeMap<String, Double>> centroids, double threshold, int none) {
        int best = none;
        double bestSim = threshold;
        for (int c = 0; c < centroids.size(); c++) {
            double s = dot(v, centroids.get(c));
            if (s >= bestSim && (best == none || s > bestSim)) {
                best = c;
                bestSim = s;
            }
        }
        return best;
    }

    /** The unit centroid of each cluster's members, summed in member order in one pass over the hosts. */
    private static List<TreeMap<String, Double>> centroids(List<TreeMap<String, Double>> vectors, int[] assign, int clusters) {
        List<TreeMap<String, Double>> sums = new ArrayList<>(clusters);
        for (int c = 0; c < clusters; c++) {
            sums.add(new TreeMap<>());
        }
        for (int i = 0; i < vectors.size(); i++) {
            TreeMap<String, Double> sum = sums.get(assign[i]);
            vectors.get(i).forEach((k, x) -> sum.merge(k, x, Double::sum));
        }
        sums.replaceAll(PeerGroups::unit);
        return sums;
    }

    private static TreeMap<String, Double> unit(TreeMap<String, Double> v) {
        double norm = 0;
        for (double x : v.values()) {
            norm += x * x;
        }
        double n = Math.sqrt(norm);
        TreeMap<String, Double> out = new TreeMap<>();
        if (n > 0) {
            v.forEach((k, x) -> out.put(k, x / n));
        }
        return out;
    }

    private static double dot(TreeMap<String, Double> a, TreeMap<String, Double> b) {
        double s = 0;
        for (Map.Entry<String, Double> e : a.entrySet()) {
            Double y = b.get(e.getKey());
            if (y != null) {
                s += e.getValue() * y;
            }
        }
        return s;
    }

    /** The group of a host, or null when the host was not grouped (then it is alone). */
    public String groupOf(String host) {
        return groupOf.get(host);
    }

    /** Hosts of a group, in name order; a host that is not grouped is its own group of one. */
    public List<String> members(String groupOrHost) {
        List<String> m = members.get(groupOrHost);
        return m == null ? List.of(groupOrHost) : m;
    }

    /** Group name -> members. */
    public SortedMap<String, List<String>> groups() {
        return Collections.unmodifiableSortedMap(members);
    }

    /** Host -> group name. */
    public SortedMap<String, String> assignment() {
        return Collections.unmodifiableSortedMap(groupOf);
    }
}
