package io.netrare.scoring.bench;

import io.netrare.models.rare.RarityProvider;
import io.netrare.schema.NetworkEvent;
import io.netrare.schema.spi.JobSpec;
import io.netrare.scoring.BucketEngine;
import io.netrare.scoring.EngineConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Parsed events through the whole engine (bucketing, influencers, learn, score, normalize, records):
 * 200 hosts, 2,000 process names with a skewed frequency, 20,000 events per 15 minute bucket.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class EngineBenchmark {

    private static final int EVENTS = 1 << 16;
    private NetworkEvent[] events;
    private BucketEngine engine;
    private long shift;

    @Setup
    public void setUp() {
        Random random = new Random(3);
        events = new NetworkEvent[EVENTS];
        long t0 = 1_764_547_200_000L;
        for (int i = 0; i < EVENTS; i++) {
            int proc = (int) Math.min(1999, Math.abs(random.nextGaussian()) * 300);
            String host = "host-" + random.nextInt(200);
            events[i] = new NetworkEvent(1, Instant.ofEpochMilli(t0 + i * 45L),
                    new NetworkEvent.Host(host, null, new NetworkEvent.Os("linux", null, null)),
                    new NetworkEvent.Process("proc-" + proc, null, 10L, null), new NetworkEvent.User("u" + (proc % 7), null),
                    null, new NetworkEvent.Endpoint("10.1." + (proc % 250) + ".1", 443), null,
                    new NetworkEvent.Event("connection_attempted", List.of("network"), List.of("start"), null, null), 1, null);
        }
        engine = BucketEngine.create(JobSpec.anchorDefault(), new RarityProvider(),
                EngineConfig.defaults().withInterim(false), Clock.fixed(Instant.ofEpochMilli(t0), ZoneOffset.UTC));
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long events() {
        long records = 0;
        long span = (long) EVENTS * 45L;
        for (NetworkEvent e : events) {
            NetworkEvent shifted = new NetworkEvent(1, e.timestamp().plusMillis(shift), e.host(), e.process(), e.user(),
                    e.source(), e.destination(), e.network(), e.event(), 1, null);
            records += engine.accept(shifted).records().size();
        }
        shift += span;
        return records;
    }

    public static void main(String[] args) throws Exception {
        new Runner(new OptionsBuilder().include(EngineBenchmark.class.getSimpleName()).build()).run();
    }
}
