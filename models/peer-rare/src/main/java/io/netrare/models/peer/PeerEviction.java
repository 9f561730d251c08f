package io.netrare.models.peer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * Keeps the model under its cap: first every (host, process) pair not seen for the rare model's idle time (30 days),
 * then the least recently seen (ties by smaller decayed count), never one present in the bucket just learned.
 */
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
        all.sort(Comparator.comparingLong(Candidate::lastSeen).thenComparingDouble(Candidate::value)
                .thenComparing(Candidate::partition).thenComparing(Candidate::process).thenComparing(Candidate::host));
        // evict down to 99 % of the cap so that eviction does not run on every bucket
        int target = m.config.entityCap() - Math.max(1, m.config.entityCap() / 100);
        long idleBefore = t - io.netrare.models.rare.RareModelConfig.DEFAULT_MAX_IDLE.toMillis();
        for (int i = 0; i < all.size(); i++) {
            Candidate c = all.get(i);
            if (c.lastSeen() >= idleBefore && m.pairCount <= target) {
                break;
            }
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
