package io.netrare.deploy.bench;

import io.netrare.deploy.pipeline.PipelineRun;
import io.netrare.runtime.broker.EmbeddedKafkaBroker;
import io.netrare.runtime.job.JobSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.BufferedReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The pipeline's rate against the broker's best rate on the same events, in one JVM and one run. Not a
 * test: {@code deploy/bench/pipeline-benchmark.sh [hosts] [days] [model]} builds and runs it.
 *
 * <ol>
 * <li>Simulates a fleet and writes it as ECS NDJSON (the payloads both halves use).</li>
 * <li>Baseline: on an embedded broker in this JVM, one producer with the settings of Kafka's
 * {@code ProducerPerformance} runs ({@code acks=all}, {@code linger.ms=5}, {@code batch.size=256 KiB},
 * {@code compression.type=lz4}) sends every line to a 4-partition topic, each send with a completion
 * callback; the rate counts until the last acknowledgement. Run five times, the best one reported.</li>
 * <li>netrare: {@link PipelineRun} (what {@code netrare run} runs) over the file on its own embedded broker, five
 * times, the best one reported. The fixed cost is the time from the start call to the first event both training
 * and scoring have taken from the events topic; the steady rate is the rate between 10% and 90% of the events
 * processed, given in input documents per second (the unit of the baseline) and in network events per second,
 * with the CPU per event by thread kind.</li>
 * </ol>
 * Prints one line per figure, and the load average of the machine at start and end.
 */
public final class PipelineBenchmark {

    /**
     * Runs of each side (system property {@code runs}, default 5); the best of each counts. On two cores the JIT
     * compilers are still at work in a JVM's third run, for both sides: five runs let both come closer to what a
     * long-running service and producer do.
     */
    private static final int RUNS = Integer.getInteger("runs", 5);

    private PipelineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchSupport.runOnFleet(args, 120, 5, "netrare-bench-", PipelineBenchmark::compare);
    }

    /** Both halves over one fleet file. */
    private static void compare(Path file, int hosts, int days, String model) throws Exception {
        List<byte[]> payloads = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    payloads.add(line.getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        long bytes = payloads.stream().mapToLong(p -> p.length).sum();
        System.out.printf("fleet: %d hosts x %d days, %,d ECS documents, mean %d bytes%n", hosts, days,
                payloads.size(), bytes / payloads.size());

        double raw;
        double rawCpuMicros;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("bench-raw", 4, (short) 1))).all().get();
            }
            double[] runs = new double[RUNS];
            long cpu0 = 0;
            for (int i = 0; i < RUNS; i++) {
                cpu0 = BenchSupport.processCpuNanos();
                runs[i] = producerPerformance(broker.bootstrapServers(), "bench-raw", payloads);
            }
            rawCpuMicros = (BenchSupport.processCpuNanos() - cpu0) / 1e3 / payloads.size(); // the last run's
            raw = java.util.Arrays.stream(runs).max().orElseThrow(); // the best the broker does, not a cold client
            System.out.printf("baseline (ProducerPerformance settings): %,.0f records/s (runs: %s records/s), %.1f MB/s%n",
                    raw, java.util.Arrays.stream(runs).mapToObj(r -> String.format("%,.0f", r))
                            .collect(java.util.stream.Collectors.joining(", ")),
                    raw * (bytes / (double) payloads.size()) / 1e6);
        }
        int documents = payloads.size();
        payloads = null; // let the pipeline have the heap
        // netrare runs as often as the baseline, and its best run counts too: the first runs of a JVM also pay for
        // compiling the services' and the clients' code, which a long-running service pays once
        double best = 0;
        for (int i = 1; i <= RUNS; i++) {
            System.out.printf("--- netrare run %d of %d%n", i, RUNS);
            double steadyDocs = netrare(file, model, documents, raw, rawCpuMicros);
            best = Math.max(best, steadyDocs);
        }
        System.out.printf("BEST RATIO steady netrare / baseline (documents/s): %.3f (%,.0f against %,.0f)%n",
                best / raw, best, raw);
    }

    /** One pipeline run over the file; prints its figures and returns its steady rate in input documents per second. */
    private static double netrare(Path file, String model, int documents, double raw, double rawCpuMicros) throws Exception {
        long start = System.nanoTime();
        List<long[]> samples = new ArrayList<>(); // {nanos since start, events processed, process CPU nanos}
        List<Map<String, Long>> threadCpu = new ArrayList<>(); // per sample: CPU nanos by thread kind
        long firstEventNanos = -1;
        long total;
        try (PipelineRun run = PipelineRun.start(new PipelineRun.Settings(List.of(file),
                JobSettings.defaults().withModelType(model), null, null, "none", 4))) {
            long started = System.nanoTime() - start;
            Thread watcher = Thread.currentThread();
            AtomicReference<Throwable> failed = new AtomicReference<>();
            AtomicLong peakHeap = new AtomicLong();
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    long used = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
                    peakHeap.accumulateAndGet(used, Math::max);
                    synchronized (samples) {
                        samples.add(new long[]{System.nanoTime() - start, run.eventsProcessed(), BenchSupport.processCpuNanos(), gcMillis(),
                                ManagementFactory.getCompilationMXBean().getTotalCompilationTime()});
                        threadCpu.add(threadCpuByKind());
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
            try {
                run.awaitDone(Duration.ofMinutes(60), p -> { });
            } catch (RuntimeException e) {
                failed.set(e);
            }
            long doneNanos = System.nanoTime() - start;
            sampler.interrupt();
            sampler.join();
            if (failed.get() != null) {
                throw new IllegalStateException("the pipeline failed", failed.get());
            }
            PipelineRun.Progress p = run.progress();
            total = run.eventsProcessed();
            List<long[]> s;
            synchronized (samples) {
                s = List.copyOf(samples);
            }
            for (long[] x : s) {
                if (x[1] > 0) {
                    firstEventNanos = x[0];
                    break;
                }
            }
            long[] at10 = BenchSupport.crossing(s, total / 10);
            long[] at90 = BenchSupport.crossing(s, total * 9 / 10);
            double steady = (at90[1] - at10[1]) / ((at90[0] - at10[0]) / 1e9);
            long[] last = BenchSupport.crossing(s, total);
            double cpuPerEvent = (at90[2] - at10[2]) / 1e3 / (at90[1] - at10[1]);
            System.out.printf("netrare (%s): %,d events in, %,d events processed, %,d buckets scored, %,d final records%n",
                    model, p.eventsIngested(), total, p.bucketsScored(), p.records());
            System.out.printf("fixed cost: %.2f s to start the services, %.2f s to the first event processed%n",
                    started / 1e9, firstEventNanos / 1e9);
            System.out.printf("steady rate (10%%..90%% of events): %,.0f events/s; all events processed at %.1f s; done (drained) at %.1f s%n",
                    steady, last[0] / 1e9, doneNanos / 1e9);
            System.out.printf("whole run: %,.0f events/s; peak heap %,d MB (max %,d MB)%n",
                    total / (doneNanos / 1e9), peakHeap.get() >> 20, Runtime.getRuntime().maxMemory() >> 20);
            System.out.printf("process CPU per event, steady part: %.1f us (baseline: %.1f us per record)%n",
                    cpuPerEvent, rawCpuMicros);
            Map<String, Long> cpuAt10 = threadCpu.get(s.indexOf(at10));
            Map<String, Long> cpuAt90 = threadCpu.get(s.indexOf(at90));
            long events = at90[1] - at10[1];
            long javaThreads = 0;
            java.util.TreeMap<Long, String> byCost = new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
            for (Map.Entry<String, Long> e : cpuAt90.entrySet()) {
                long d = e.getValue() - cpuAt10.getOrDefault(e.getKey(), 0L);
                javaThreads += d;
                if (d > 0) {
                    byCost.merge(d, e.getKey(), (a, b) -> a + ", " + b);
                }
            }
            System.out.printf("CPU per event by thread kind, steady part (us):%n");
            byCost.forEach((d, kind) -> {
                if (d / 1e3 / events >= 0.1) {
                    System.out.printf("  %7.1f  %s%n", d / 1e3 / events, kind);
                }
            });
            System.out.printf("  %7.1f  (JVM outside Java threads: GC, JIT, VM); of it, wall time in GC pauses %.1f us, "
                    + "in compiling (summed over compiler threads) %.1f us%n",
                    ((at90[2] - at10[2]) - javaThreads) / 1e3 / events, (at90[3] - at10[3]) * 1e3 / events,
                    (at90[4] - at10[4]) * 1e3 / events);
            // the input is documents, of which the network events are a part: the rate both sides are held to
            double steadyDocs = steady * documents / total;
            double cpuPerDoc = cpuPerEvent * total / documents;
            System.out.printf("steady rate in input documents: %,.0f documents/s, %.1f us CPU per document%n",
                    steadyDocs, cpuPerDoc);
            System.out.printf("RATIO steady netrare / baseline (documents/s): %.3f; by CPU per document: %.3f%n",
                    steadyDocs / raw, rawCpuMicros / cpuPerDoc);
            return steadyDocs;
        }
    }

    /** ProducerPerformance's loop: one producer, every record sent with a callback, timed to the last ack. */
    static double producerPerformance(String bootstrap, String topic, List<byte[]> payloads) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        AtomicLong acked = new AtomicLong();
        AtomicReference<Exception> error = new AtomicReference<>();
        long start;
        long end;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
            producer.partitionsFor(topic); // metadata fetched before the clock starts, as ProducerPerformance's first send is
            start = System.nanoTime();
            for (byte[] v : payloads) {
                producer.send(new ProducerRecord<>(topic, v), (md, e) -> {
                    if (e != null) {
                        error.compareAndSet(null, e);
                    }
                    acked.incrementAndGet();
                });
            }
            producer.flush();
            end = System.nanoTime();
        }
        if (error.get() != null) {
            throw error.get();
        }
        if (acked.get() != payloads.size()) {
            throw new IllegalStateException("acknowledged " + acked.get() + " of " + payloads.size());
        }
        return payloads.size() / ((end - start) / 1e9);
    }

    /** Thread id -> kind: looked up once per thread, not at every sample the sampler takes. */
    private static final Map<Long, String> KINDS = new java.util.concurrent.ConcurrentHashMap<>();

    /** CPU nanos of the live Java threads, summed by kind: the thread's name with its digits taken out. */
    private static Map<String, Long> threadCpuByKind() {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<String, Long> out = new java.util.HashMap<>();
        for (long id : mx.getAllThreadIds()) {
            long cpu = mx.getThreadCpuTime(id);
            if (cpu > 0) {
                String kind = KINDS.computeIfAbsent(id, i -> {
                    java.lang.management.ThreadInfo t = mx.getThreadInfo(i);
                    return t == null ? "(ended)" : t.getThreadName().replaceAll("[0-9]+", "N").trim();
                });
                out.merge(kind, cpu, Long::sum);
            }
        }
        return out;
    }

    private static long gcMillis() {
        long sum = 0;
        for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }
}
