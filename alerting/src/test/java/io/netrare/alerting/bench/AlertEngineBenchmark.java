package io.netrare.alerting.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netrare.alerting.AlertEngine;
import io.netrare.alerting.service.AlertingMetrics;
import io.netrare.alerting.InMemoryDedupStore;
import io.netrare.alerting.rules.RuleLoader;
import io.netrare.schema.Alert;
import io.netrare.schema.AnomalyRecord;
import io.netrare.schema.Explanation;
import io.netrare.schema.Json;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Alerting throughput: records through the engine (deserialize, match, dedup, build and serialize the
 * alert). Run: {@code java -cp <test classpath> io.netrare.alerting.bench.AlertEngineBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class AlertEngineBenchmark {

    private AlertEngine engine;
    private byte[] below;
    private long next;
    private AnomalyRecord template;

    @Setup
    public void setup() {
        engine = new AlertEngine(List.of(new RuleLoader().loadDefault()), new InMemoryDedupStore(), Clock.systemUTC(),
                new AlertingMetrics(new SimpleMeterRegistry()));
        Instant bucket = Instant.parse("2026-11-27T10:00:00Z");
        template = new AnomalyRecord(1, "r", 1, "v3_linux_anomalous_network_activity", "record", bucket.toEpochMilli(),
                900, 0, "rare", "rare", "process.name", "xmrig", null, null, 1e-7, 93, 93, false,
                List.of(new AnomalyRecord.Influencer("host.name", List.of("web-07")),
                        new AnomalyRecord.Influencer("process.name", List.of("xmrig")),
                        new AnomalyRecord.Influencer("user.name", List.of("nobody")),
                        new AnomalyRecord.Influencer("destination.ip", List.of("141.94.96.144"))),
                "rare", new Explanation(0L, 0.0, 2881L, true, bucket, null, 0.0, List.of(), null, null, null, null, null),
                bucket);
        below = Json.write(template.withUpdate(2, 12.5, false, bucket));
    }

    /** A record under the threshold: parse and reject (most of the anomalies topic). */
    @Benchmark
    public int belowThreshold() {
        return engine.alertsFor(Json.read(below, AnomalyRecord.class)).size();
    }

    /** A new anomaly over the threshold: parse, raise, remember, serialize the alert. */
    @Benchmark
    public int raiseAlert() {
        AnomalyRecord r = new AnomalyRecord(1, "r" + next++, 1, template.jobId(), "record", template.timestamp(), 900, 0,
                "rare", "rare", "process.name", "xmrig", null, null, 1e-7, 93, 93, false, template.influencers(), "rare",
                template.explanation(), template.emittedAt());
        int bytes = 0;
        for (Alert a : engine.alertsFor(r)) {
            bytes += Json.write(a).length;
        }
        return bytes;
    }

    public static void main(String[] args) throws Exception {
        new Runner(new OptionsBuilder().include(AlertEngineBenchmark.class.getSimpleName()).build()).run();
    }
}
