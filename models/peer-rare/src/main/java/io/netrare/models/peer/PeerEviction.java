package io.netrare.models.peer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/** Keeps the model under its cap: evicts the least-seen (host, process) pairs, never one present in the bucket just learned. */
final class PeerEviction {

    private PeerEviction() {
    }

    private record Candidate(String partition, String process, String host, double value, long lastSeen) {
    }

    static void evictLeastSeen(PeerRareModel m, long t) {
        List<Candidate> all = new ArrayList<>();
        m.partitions.forEach((partition, processes) -> processes.forEach((process, ps) -> ps.hosts.forEach((host, pair) -> {
            if (pair.lastSeen != t) {
                all.add(new Candidate(partition, process, host, m.now(pair), pair.lastSeen));
            }
        })));
        all.sort(Comparator.comparingDouble(Candidate::value).thenComparingLong(Candidate::lastSeen)
                .thenComparing(Candidate::partition).thenComparing(Candidate::process).thenComparing(Candidate::host));
        // evict down to 99 % of the cap so that eviction does not run on every bucket
        int target = m.config.entityCap() - Math.max(1, m.config.entityCap() / 100);
        int excess = m.pairCount - target;
        for (int i = 0; i < Math.min(excess, all.size()); i++) {
            Candidate c = all.get(i);
            TreeMap<String, ProcessState> processes = m.partitions.get(c.partition());
            ProcessState ps = processes.get(c.process());
            ps.hosts.remove(c.host());
            if (ps.hosts.isEmpty()) {
                processes.remove(c.process());
                if (processes.isEmpty()) {
                    m.partitions.remove(c.partition());
                }
            }
            m.pairCount--;
            m.evictions++;
        }
    }
}
