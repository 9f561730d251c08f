package io.netrare.models.peer;

import io.netrare.models.rare.CapEviction;
import io.netrare.models.rare.RareModelConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * Prunes pairs not seen for {@code prune_silent_after}, and keeps the model under its cap in the {@link CapEviction} order: first every (host, process) pair not seen for
 * the rare model's idle time (30 days), then the least recently seen, never one present in the bucket just learned.
 */
final class PeerEviction {

    private PeerEviction() {
    }

    private record Pair(String partition, String process, String host) implements Comparable<Pair> {
        private static final Comparator<Pair> ORDER = Comparator.comparing(Pair::partition)
                .thenComparing(Pair::process).thenComparing(Pair::host);

        @Override
        public int compareTo(Pair o) {
            return ORDER.compare(this, o);
        }
    }

    /** Removes every pair last seen before {@code cutoff}, and the entities (and partitions) left without hosts. */
    static void pruneSilent(PeerRareModel m, long cutoff) {
        var partitions = m.partitions.values().iterator();
        while (partitions.hasNext()) {
            TreeMap<String, ProcessState> processes = partitions.next();
            var entities = processes.values().iterator();
            while (entities.hasNext()) {
                ProcessState ps = entities.next();
                int before = ps.hosts.size();
                ps.hosts.values().removeIf(pair -> pair.lastSeen < cutoff);
                m.pairCount -= before - ps.hosts.size();
                if (ps.hosts.isEmpty()) {
                    entities.remove();
                }
            }
            if (processes.isEmpty()) {
                partitions.remove();
            }
        }
    }

    static void evictLeastSeen(PeerRareModel m, long t) {
        List<CapEviction.Candidate<Pair>> all = new ArrayList<>();
        m.partitions.forEach((partition, processes) -> processes.forEach((process, ps) -> ps.hosts.forEach((host, pair) -> {
            if (pair.lastSeen != t) {
                all.add(new CapEviction.Candidate<>(new Pair(partition, process, host), m.now(pair), pair.lastSeen));
            }
        })));
        long idleBefore = t - RareModelConfig.DEFAULT_MAX_IDLE.toMillis();
        for (Pair c : CapEviction.select(all, m.pairCount, m.config.entityCap(), idleBefore)) {
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
