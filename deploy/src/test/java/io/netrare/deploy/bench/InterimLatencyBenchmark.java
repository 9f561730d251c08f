package io.netrare.deploy.bench;

import io.netrare.deploy.pipeline.LocalPipeline;
import io.netrare.deploy.pipeline.ShiftedEvents;
import io.netrare.runtime.RunningService;
import io.netrare.runtime.broker.EmbeddedKafkaBroker;
import io.netrare.runtime.kafka.ClientConfigs;
import io.netrare.schema.AnomalyRecord;
import io.netrare.schema.Json;
import io.netrare.schema.NetworkEvent;
import io.netrare.schema.spi.JobSpec;
import io.netrare.simulator.FleetSimulator;
import io.netrare.simulator.FleetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Interim latency under load: the distribution of the time from the producer's {@code send} of a never-seen
 * process's first event to the interim record the scoring service writes for it, while ordinary traffic
 * streams at a target rate into the same open bucket.
 * <ol>
 * <li>Training and scoring (the {@code rare} model) on an embedded broker learn two days of the demo fleet
 * (seed 3); events of the next bucket get the last history bucket scored.</li>
 * <li>For the run's duration, every 100 ms of wall time one tenth of the target rate of ordinary events
 * (the fleet's last 2,000 events, shifted into one bucket that stays open) is sent, and every
 * {@code probeEvery} a probe: the first event of a process no host has run ({@code probe-N}).</li>
 * <li>A consumer on the records topic takes each probe's first interim record; its latency is the record's
 * {@code emitted_at} minus the wall time just before the probe's {@code send}.</li>
 * </ol>
 * Prints the achieved ordinary rate, how many probes got a record, and p50 / p90 / p99 / max latency.
 * Usage (deploy/bench/interim-latency-benchmark.sh): {@code [events/s] [seconds] [probe every ms]}.
 */
public final class InterimLatencyBenchmark {

    private InterimLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int probeEveryMs = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        System.out.printf("load average at start: %.2f (%d cores)%n", BenchSupport.loadAverage(), Runtime.getRuntime().availableProcessors());
        LocalPipeline.Options options = LocalPipeline.Options.defaults().withTopicPrefix("bench-interim")
                .withIdleTimeout(Duration.ofMinutes(30)); // the open bucket must stay open for the whole run
        JobSpec job = options.job().toJobSpec();
        List<NetworkEvent> history = new FleetSimulator(FleetSpec.demo().withDays(2).withAttacks(false).withSeed(3))
                .datafeedEvents().toList();
        List<NetworkEvent> common = history.subList(history.size() - 2000, history.size());
        long lastHistoryBucket = history.stream().mapToLong(e -> job.bucketStart(e.timestamp())).max().orElseThrow();
        long open = lastHistoryBucket + 2 * job.bucketSpanMillis();

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
             LocalPipeline pipeline = LocalPipeline.onBroker(broker.bootstrapServers(), options)) {
            pipeline.startTraining("train-0");
            RunningService<?> scoring = pipeline.startScoring("score-0");
            pipeline.produceEvents(history.iterator());
            String events = pipeline.topics().events().name();
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(ClientConfigs.producer(pipeline.kafka(), "bench", null))) {
                ShiftedEvents.sendAt(producer, events, job, common, lastHistoryBucket + job.bucketSpanMillis() + 120_000);
                producer.flush();
                long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
                while (scoring.registry().get("netrare_scoring_model_bucket_seconds").gauge().value() < lastHistoryBucket / 1000.0) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the history was not scored within 5 minutes");
                    }
                    Thread.sleep(200);
                }
                System.out.printf("history learned: %,d events, 2 days, 12 hosts%n", history.size());

                Map<String, Long> sentAt = new ConcurrentHashMap<>();
                Map<String, Long> latency = new ConcurrentHashMap<>();
                Thread reader = new Thread(() -> readRecords(pipeline, sentAt, latency), "bench-records");
                reader.setDaemon(true);
                reader.start();

                int perTick = Math.max(1, rate / 10);
                long start = System.nanoTime();
                long sent = 0;
                int probes = 0;
                long nextProbe = start;
                for (int tick = 0; tick < seconds * 10; tick++) {
                    long tickStart = start + tick * 100_000_000L;
                    long sleep = (tickStart - System.nanoTime()) / 1_000_000;
                    if (sleep > 0) {
                        Thread.sleep(sleep);
                    }
                    long eventTime = open + Math.min(tick * 100L, job.bucketSpanMillis() - 1000);
                    for (int i = 0; i < perTick; i++) {
                        ShiftedEvents.send(producer, events, job, ShiftedEvents.at(common.get((int) (sent++ % common.size())), eventTime));
                    }
                    if (System.nanoTime() >= nextProbe) {
                        String name = "probe-" + probes++;
                        NetworkEvent probe = ShiftedEvents.rename(ShiftedEvents.at(common.get(probes % common.size()), eventTime), name);
                        sentAt.put(name, System.currentTimeMillis());
                        ShiftedEvents.send(producer, events, job, probe);
                        nextProbe += probeEveryMs * 1_000_000L;
                    }
                }
                double elapsed = (System.nanoTime() - start) / 1e9;
                System.out.printf("ordinary traffic: %,d events in %.1f s = %,.0f events/s (target %,d); %d probes%n",
                        sent, elapsed, sent / elapsed, rate, probes);
                Thread.sleep(10_000); // the last probes' records
                long[] ms = latency.values().stream().mapToLong(Long::longValue).sorted().toArray();
                System.out.printf("probes with an interim record: %d of %d%n", ms.length, probes);
                if (ms.length > 0) {
                    System.out.printf("interim latency (send -> record written): p50 %d ms, p90 %d ms, p99 %d ms, max %d ms%n",
                            pct(ms, 0.50), pct(ms, 0.90), pct(ms, 0.99), ms[ms.length - 1]);
                }
                System.out.printf("load average at end: %.2f%n", BenchSupport.loadAverage());
            }
        }
    }

    private static void readRecords(LocalPipeline pipeline, Map<String, Long> sentAt, Map<String, Long> latency) {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(ClientConfigs.consumer(pipeline.kafka(), "bench-records", null, 500))) {
            List<TopicPartition> parts = new ArrayList<>();
            c.partitionsFor(pipeline.topics().anomalies().name())
                    .forEach(p -> parts.add(new TopicPartition(p.topic(), p.partition())));
            c.assign(parts);
            c.seekToEnd(parts);
            parts.forEach(c::position);
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    AnomalyRecord a = Json.read(r.value(), AnomalyRecord.class);
                    Long at = sentAt.get(a.byFieldValue());
                    if (at != null && a.interim()) {
                        latency.putIfAbsent(a.byFieldValue(), a.emittedAt().toEpochMilli() - at);
                    }
                }
            }
        }
    }

    /** The nearest-rank percentile of sorted values. */
    static long pct(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
