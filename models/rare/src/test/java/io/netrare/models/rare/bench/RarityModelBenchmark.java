package io.netrare.models.rare.bench;

import io.netrare.models.rare.RareModelConfig;
import io.netrare.models.rare.RarityModel;
import io.netrare.schema.spi.BucketObservation;
import io.netrare.schema.spi.EntityKey;
import io.netrare.schema.spi.JobSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Learn and score throughput of the rare model, per entity-in-bucket (one entity per bucket stands for all
 * of its events, which the engine has already folded together). A bucket holds {@code present} entities out
 * of {@code entities} known ones.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class RarityModelBenchmark {

    @Param({"10000"})
    int entities;

    @Param({"1000"})
    int present;

    private final JobSpec job = JobSpec.anchorDefault();
    private List<BucketObservation> buckets;
    private RarityModel model;
    private int next;
    private long bucketIndex;

    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(1);
        buckets = new ArrayList<>();
        BucketObservation.EntityActivity one = new BucketObservation.EntityActivity(3, Set.of("h"));
        for (int b = 0; b < 64; b++) {
            TreeMap<EntityKey, BucketObservation.EntityActivity> m = new TreeMap<>();
            while (m.size() < present) {
                // skewed: low ids are common, high ids rare
                int id = (int) Math.min(entities - 1, Math.abs(random.nextGaussian()) * entities / 3);
                m.put(EntityKey.of("proc-" + id), one);
            }
            buckets.add(new BucketObservation(0, m));
        }
        model = new RarityModel(job, RareModelConfig.defaults());
        bucketIndex = 1_000_000;
    }

    private BucketObservation nextBucket() {
        BucketObservation b = buckets.get(next++ & 63);
        return new BucketObservation(bucketIndex++ * job.bucketSpanMillis(), b.entities());
    }

    @Benchmark
    @OperationsPerInvocation(1000)
    public Object learn() {
        BucketObservation b = nextBucket();
        model.learn(b);
        return model;
    }

    @Benchmark
    @OperationsPerInvocation(1000)
    public Object learnAndScore() {
        BucketObservation b = nextBucket();
        model.learn(b);
        return model.score(b);
    }

    /** Retained heap per entity, measured with a full GC around building a model of n entities. */
    public static long bytesPerEntity(int n) {
        JobSpec job = JobSpec.anchorDefault();
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long before = rt.totalMemory() - rt.freeMemory();
        RarityModel m = new RarityModel(job, RareModelConfig.defaults().withEntityCap(n * 2));
        BucketObservation.EntityActivity one = new BucketObservation.EntityActivity(1, Set.of("h"));
        for (int b = 0; b < 10; b++) {
            TreeMap<EntityKey, BucketObservation.EntityActivity> bucket = new TreeMap<>();
            for (int i = b * n / 10; i < (b + 1) * n / 10; i++) {
                bucket.put(EntityKey.of("process-name-" + i), one);
            }
            m.learn(new BucketObservation(b * job.bucketSpanMillis(), bucket));
        }
        System.gc();
        long after = rt.totalMemory() - rt.freeMemory();
        if (m.entityCount() != n) {
            throw new IllegalStateException("expected " + n + " entities");
        }
        return (after - before) / n;
    }

    public static void main(String[] args) throws Exception {
        System.out.println("bytes per entity (200k entities, 20-char names): " + bytesPerEntity(200_000));
        new Runner(new OptionsBuilder().include(RarityModelBenchmark.class.getSimpleName()).build()).run();
    }
}
