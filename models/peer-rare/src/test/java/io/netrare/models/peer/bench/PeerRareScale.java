package io.netrare.models.peer.bench;

import io.netrare.models.peer.PeerRareProvider;
import io.netrare.models.rare.RarityProvider;
import io.netrare.schema.spi.AnomalyModel;
import io.netrare.schema.spi.BucketObservation;
import io.netrare.schema.spi.EntityKey;
import io.netrare.schema.spi.JobSpec;
import io.netrare.schema.spi.ModelProvider;
import io.netrare.schema.spi.ScoredEntity;
import io.netrare.simulator.FleetSimulator;
import io.netrare.simulator.FleetSpec;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * The model alone (no pipeline) on a simulated fleet of N hosts: CPU time per bucket to learn, and to score, each
 * bucket in turn, on this thread; with a digest of every score (probability bits, anomalous, explanation), so two
 * builds of the model can be shown to score alike. Not a test: run its main with HOSTS DAYS MODEL [DUMP_FILE].
 */
public final class PeerRareScale {

    private static final JobSpec JOB = JobSpec.anchorDefault();

    private PeerRareScale() {
    }

    public static void main(String[] args) throws Exception {
        int hosts = Integer.parseInt(args[0]);
        int days = Integer.parseInt(args[1]);
        ModelProvider provider = "rare".equals(args[2]) ? new RarityProvider() : new PeerRareProvider();
        PrintWriter dump = args.length > 3 ? new PrintWriter(Files.newBufferedWriter(Path.of(args[3]))) : null;
        TreeMap<Long, TreeMap<EntityKey, Set<String>>> byBucket = new TreeMap<>();
        long[] events = new long[1];
        new FleetSimulator(FleetSpec.defaults().withHosts(hosts).withDays(days)).datafeedEvents().forEach(e -> {
            events[0]++;
            byBucket.computeIfAbsent(JOB.bucketStart(e.timestamp()), k -> new TreeMap<>())
                    .computeIfAbsent(JOB.entityKey(e), k -> new HashSet<>()).add(e.host().name());
        });
        List<BucketObservation> buckets = new ArrayList<>();
        long pairs = 0;
        for (var b : byBucket.entrySet()) {
            TreeMap<EntityKey, BucketObservation.EntityActivity> m = new TreeMap<>();
            for (var e : b.getValue().entrySet()) {
                m.put(e.getKey(), new BucketObservation.EntityActivity(e.getValue().size(), e.getValue()));
                pairs += e.getValue().size();
            }
            buckets.add(new BucketObservation(b.getKey(), m));
        }
        System.out.printf("%d hosts x %d days: %,d events, %d buckets, %,d host-entity pairs in buckets%n", hosts, days,
                events[0], buckets.size(), pairs);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        AnomalyModel model = provider.create(JOB);
        long learn = 0;
        long score = 0;
        long[] perBucket = new long[buckets.size()];
        long digest = 1;
        int i = 0;
        for (BucketObservation b : buckets) {
            long c0 = mx.getCurrentThreadCpuTime();
            model.learn(b);
            long c1 = mx.getCurrentThreadCpuTime();
            List<ScoredEntity> scores = model.score(b);
            long c2 = mx.getCurrentThreadCpuTime();
            learn += c1 - c0;
            score += c2 - c1;
            perBucket[i++] = c2 - c0;
            for (ScoredEntity s : scores) {
                String line = s.entity() + " " + s.bucketStart() + " " + Double.doubleToLongBits(s.probability()) + " "
                        + s.anomalous() + " " + s.explanation();
                digest = digest * 31 + line.hashCode();
                if (dump != null) {
                    dump.println(line);
                }
            }
        }
        if (dump != null) {
            dump.close();
        }
        Integer[] order = new Integer[perBucket.length];
        Arrays.setAll(order, k -> k);
        Arrays.sort(order, (x, y) -> Long.compare(perBucket[y], perBucket[x]));
        StringBuilder slowest = new StringBuilder("slowest buckets (index: ms):");
        for (int k = 0; k < Math.min(8, order.length); k++) {
            slowest.append(String.format(" %d: %.1f", order[k], perBucket[order[k]] / 1e6));
        }
        System.out.println(slowest);
        Arrays.sort(perBucket);
        System.out.printf("%s: learn %.3f s, score %.3f s CPU; per bucket mean %.2f ms, p50 %.2f ms, p99 %.2f ms, max %.2f ms;"
                        + " %d entities; digest %016x%n", args[2], learn / 1e9, score / 1e9,
                (learn + score) / 1e6 / buckets.size(), perBucket[perBucket.length / 2] / 1e6,
                perBucket[(int) (perBucket.length * 0.99)] / 1e6, perBucket[perBucket.length - 1] / 1e6,
                model.entityCount(), digest);
    }
}
