package io.netrare.runtime.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netrare.runtime.broker.EmbeddedKafkaBroker;
import io.netrare.runtime.kafka.ClientConfigs;
import io.netrare.runtime.kafka.KafkaLoop;
import io.netrare.runtime.kafka.KafkaSettings;
import io.netrare.runtime.kafka.LoopSettings;
import io.netrare.runtime.kafka.TopicAdmin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Throughput of the consume-process-produce loop on the embedded broker, beside a raw consumer reading
 * the same records: not a test (surefire ignores it). Run:
 * {@code mvn -pl runtime test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.netrare.runtime.bench.KafkaLoopBenchmark [-Dexec.args="200000 200"]}.
 * JMH does not fit an end-to-end rate over a broker; this measures wall time of one pass after a warm-up.
 */
public final class KafkaLoopBenchmark {

    private KafkaLoopBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            KafkaSettings kafka = KafkaSettings.forBootstrap(broker.bootstrapServers()).withInstanceId("bench");
            TopicAdmin.createNamed(kafka, List.of("in", "out-t", "out-a", "warm-out"), 4);
            byte[] value = new byte[size];
            Arrays.fill(value, (byte) 'x');
            long produceStart = System.nanoTime();
            try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(ClientConfigs.producer(kafka, "bench", null))) {
                for (int i = 0; i < records; i++) {
                    p.send(new ProducerRecord<>("in", Integer.toString(i).getBytes(), value));
                }
            }
            double produce = records / ((System.nanoTime() - produceStart) / 1e9);
            run(kafka, "warm-out", true, records); // warm-up: JIT, group coordinator, transaction coordinator
            double raw = rawConsume(kafka, records);
            double tx = run(kafka, "out-t", true, records);
            double alo = run(kafka, "out-a", false, records);
            // a loop both consumes and produces: compare with the slower of the two raw rates
            double rawBoth = 1 / (1 / raw + 1 / produce);
            System.out.printf("records=%d value=%dB raw produce=%.0f/s raw consume=%.0f/s raw produce+consume=%.0f/s"
                    + " loop transactional=%.0f/s (%.2f of raw p+c) loop at-least-once=%.0f/s (%.2f of raw p+c)%n",
                    records, size, produce, raw, rawBoth, tx, tx / rawBoth, alo, alo / rawBoth);
        }
    }

    private static double run(KafkaSettings kafka, String out, boolean transactional, int records) throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        KafkaLoop loop = KafkaLoop.builder("bench", kafka.withTransactional(transactional),
                        (r, o) -> o.send(out, r.key(), r.value()))
                .inputTopics("in").settings(LoopSettings.defaults().withGroupId("bench-" + out).withMaxPollRecords(Integer.getInteger("bench.poll", LoopSettings.defaults().maxPollRecords())))
                .meterRegistry(registry).build();
        long start = System.nanoTime();
        loop.start();
        while (registry.find("netrare_bench_records_consumed").counter() == null
                || registry.find("netrare_bench_records_consumed").counter().count() < records) {
            Thread.sleep(20);
        }
        loop.stop(); // includes the last commit
        return records / ((System.nanoTime() - start) / 1e9);
    }

    private static double rawConsume(KafkaSettings kafka, int records) {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(ClientConfigs.consumer(kafka, "raw", null, 500))) {
            List<TopicPartition> tps = List.of(0, 1, 2, 3).stream().map(i -> new TopicPartition("in", i)).toList();
            long start = System.nanoTime();
            c.assign(tps);
            c.seekToBeginning(tps);
            long n = 0;
            while (n < records) {
                n += c.poll(Duration.ofMillis(100)).count();
            }
            return records / ((System.nanoTime() - start) / 1e9);
        }
    }
}
