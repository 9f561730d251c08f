package io.netrare.deploy.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.netrare.deploy.pipeline.PipelineRun;
import io.netrare.runtime.RunningService;
import io.netrare.runtime.job.JobSettings;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * One model through the whole pipeline on a simulated fleet, for the fleet-scale series. Not a test:
 * {@code deploy/bench/fleet-scale-benchmark.sh HOSTS DAYS MODEL} builds and runs it.
 *
 * <p>Simulates the fleet into an ECS NDJSON file, runs {@link PipelineRun} (what {@code netrare run} runs, four
 * partitions) over it and prints: events/s over the whole run and in its steady part (10%..90% of the events
 * processed), the whole run's time and the JVM's CPU time over it (which a loaded machine inflates less than
 * wall time), the peak heap (sampled every 50 ms, and the largest heap left after any
 * collection: the live data, roughly), and the scoring service's time per closed bucket from its
 * {@code netrare_scoring_bucket_seconds} and {@code netrare_scoring_bucket_cpu_seconds} timers: mean exactly,
 * p50/p99 interpolated in the timers' histogram buckets. The CPU time is the scoring thread's own, which the other
 * threads of a loaded machine do not inflate as they inflate wall time. Also the load average at start and end.
 */
public final class FleetScaleBenchmark {

    private FleetScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchSupport.runOnFleet(args, 500, 2, "netrare-fleet-", (file, hosts, days, model) -> {
            long lines;
            try (var l = Files.lines(file)) {
                lines = l.filter(s -> !s.isBlank()).count();
            }
            System.out.printf("fleet: %d hosts x %d days, %,d ECS lines (%,d MB)%n", hosts, days, lines,
                    Files.size(file) >> 20);
            System.gc();
            run(file, model);
        });
    }

    private static void run(Path file, String model) throws Exception {
        long start = System.nanoTime();
        long cpuStart = BenchSupport.processCpuNanos();
        List<long[]> samples = new ArrayList<>(); // {nanos since start, events processed}
        AtomicLong peakHeap = new AtomicLong();
        AtomicLong peakLive = new AtomicLong();
        watchLiveHeap(peakLive);
        try (PipelineRun run = PipelineRun.start(new PipelineRun.Settings(List.of(file),
                JobSettings.defaults().withModelType(model), null, null, "none", 4))) {
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peakHeap.accumulateAndGet(Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory(), Math::max);
                    synchronized (samples) {
                        samples.add(new long[]{System.nanoTime() - start, run.eventsProcessed()});
                    }
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "bench-sampler");
            sampler.setDaemon(true);
            sampler.start();
            run.awaitDone(Duration.ofMinutes(60), p -> { });
            long doneNanos = System.nanoTime() - start;
            long cpu = BenchSupport.processCpuNanos() - cpuStart;
            sampler.interrupt();
            sampler.join();
            PipelineRun.Progress p = run.progress();
            long total = run.eventsProcessed();
            List<long[]> s;
            synchronized (samples) {
                s = List.copyOf(samples);
            }
            long[] at10 = BenchSupport.crossing(s, total / 10);
            long[] at90 = BenchSupport.crossing(s, total * 9 / 10);
            double steady = (at90[1] - at10[1]) / ((at90[0] - at10[0]) / 1e9);
            System.out.printf("netrare (%s): %,d events in, %,d events processed, %,d buckets scored, %,d final records%n",
                    model, p.eventsIngested(), total, p.bucketsScored(), p.records());
            System.out.printf("whole run: %.1f s, %,.0f events/s; steady (10%%..90%% of events): %,.0f events/s%n",
                    doneNanos / 1e9, total / (doneNanos / 1e9), steady);
            System.out.printf("process CPU for the whole run: %.1f s, %.1f us per event%n", cpu / 1e9, cpu / 1e3 / total);
            System.out.printf("peak heap: %,d MB sampled, %,d MB live after a collection (max %,d MB)%n",
                    peakHeap.get() >> 20, peakLive.get() >> 20, Runtime.getRuntime().maxMemory() >> 20);
            RunningService<?> scoring = run.services().stream()
                    .filter(x -> "scoring".equals(x.service().value())).findFirst().orElseThrow();
            print("scoring wall time per bucket", scoring.registry().get("netrare_scoring_bucket").timer());
            print("scoring CPU time per bucket", scoring.registry().get("netrare_scoring_bucket_cpu").timer());
        }
    }

    private static void print(String what, Timer t) {
        HistogramSnapshot h = t.takeSnapshot();
        System.out.printf("%s: %,d buckets, mean %.2f ms, p50 %.2f ms, p99 %.2f ms, total %.2f s%n", what, h.count(),
                h.mean(TimeUnit.MILLISECONDS), quantile(h, 0.5) / 1e6, quantile(h, 0.99) / 1e6,
                h.total(TimeUnit.SECONDS));
    }

    /** The q-quantile in nanos, linear within the histogram bucket that holds it. */
    static double quantile(HistogramSnapshot h, double q) {
        double rank = q * h.count();
        double lower = 0;
        double below = 0;
        for (CountAtBucket b : h.histogramCounts()) {
            double upper = b.bucket(TimeUnit.NANOSECONDS);
            if (b.count() >= rank) {
                double inBucket = b.count() - below;
                return inBucket <= 0 ? upper : lower + (upper - lower) * (rank - below) / inBucket;
            }
            lower = upper;
            below = b.count();
        }
        return h.max(TimeUnit.NANOSECONDS);
    }

    /** Keeps the largest heap left after any collection (the live data, roughly) in {@code peak}. */
    private static void watchLiveHeap(AtomicLong peak) {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((n, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                        GcInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData()).getGcInfo();
                        long used = info.getMemoryUsageAfterGc().entrySet().stream()
                                .filter(e -> HEAP_POOLS.contains(e.getKey()))
                                .mapToLong(e -> e.getValue().getUsed()).sum();
                        peak.accumulateAndGet(used, Math::max);
                    }
                }, null, null);
            }
        }
    }

    private static final java.util.Set<String> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName)
            .collect(java.util.stream.Collectors.toSet());
}
