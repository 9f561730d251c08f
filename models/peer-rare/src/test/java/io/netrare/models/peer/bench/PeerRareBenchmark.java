package io.netrare.models.peer.bench;

import io.netrare.models.rare.RarityProvider;
import io.netrare.models.peer.PeerRareProvider;
import io.netrare.schema.spi.AnomalyModel;
import io.netrare.schema.spi.BucketObservation;
import io.netrare.schema.spi.EntityKey;
import io.netrare.schema.spi.JobSpec;
import io.netrare.schema.spi.ModelProvider;
import io.netrare.simulator.FleetSimulator;
import io.netrare.simulator.FleetSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Learn, and learn + score, of the default simulated fleet (30 hosts, 6 days: 576 buckets) with peer_rare beside
 * rare. One operation replays the whole fleet, so ops/s x 576 is buckets per second. Not a test: run its main.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class PeerRareBenchmark {

    private static final JobSpec JOB = JobSpec.anchorDefault();

    @Param({"rare", "peer_rare"})
    public String model;

    private List<BucketObservation> buckets;
    private ModelProvider provider;

    @Setup
    public void setUp() {
        provider = "rare".equals(model) ? new RarityProvider() : new PeerRareProvider();
        TreeMap<Long, TreeMap<EntityKey, Set<String>>> byBucket = new TreeMap<>();
        new FleetSimulator(FleetSpec.defaults()).datafeedEvents().forEach(e -> byBucket
                .computeIfAbsent(JOB.bucketStart(e.timestamp()), k -> new TreeMap<>())
                .computeIfAbsent(JOB.entityKey(e), k -> new HashSet<>()).add(e.host().name()));
        buckets = new ArrayList<>();
        byBucket.forEach((b, entities) -> {
            TreeMap<EntityKey, BucketObservation.EntityActivity> m = new TreeMap<>();
            entities.forEach((k, hosts) -> m.put(k, new BucketObservation.EntityActivity(hosts.size(), hosts)));
            buckets.add(new BucketObservation(b, m));
        });
    }

    @Benchmark
    public AnomalyModel learnFleet() {
        AnomalyModel m = provider.create(JOB);
        for (BucketObservation b : buckets) {
            m.learn(b);
        }
        return m;
    }

    @Benchmark
    public AnomalyModel learnAndScoreFleet(Blackhole hole) {
        AnomalyModel m = provider.create(JOB);
        for (BucketObservation b : buckets) {
            m.learn(b);
            hole.consume(m.score(b));
        }
        return m;
    }

    public static void main(String[] args) throws Exception {
        new Runner(new OptionsBuilder().include(PeerRareBenchmark.class.getSimpleName()).build()).run();
    }
}
