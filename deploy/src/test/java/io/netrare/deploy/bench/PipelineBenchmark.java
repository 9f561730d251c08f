package io.netrare.deploy.bench;

import io.netrare.deploy.pipeline.LocalPipeline;
import io.netrare.runtime.kafka.ClientConfigs;
import io.netrare.runtime.kafka.KafkaSettings;
import io.netrare.runtime.kafka.TopicAdmin;
import io.netrare.schema.NetworkEvent;
import io.netrare.simulator.FleetSimulator;
import io.netrare.simulator.FleetSpec;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Events per second through training and scoring on one embedded broker, beside the raw Kafka produce +
 * consume rate of the same records in the same run. Not a test: run with
 * {@code mvn -pl deploy -am test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.netrare.deploy.bench.PipelineBenchmark}
 * (or from an IDE). Prints one line per measurement.
 */
public final class PipelineBenchmark {

    private PipelineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int days = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        List<NetworkEvent> events = new FleetSimulator(FleetSpec.defaults().withDays(days)).datafeedEvents().toList();
        List<byte[]> values = events.stream().map(io.netrare.schema.Json::write).toList();
        long bytes = values.stream().mapToLong(v -> v.length).sum();
        System.out.printf("records: %,d, mean size %d bytes%n", events.size(), bytes / events.size());
        try (LocalPipeline pipeline = LocalPipeline.embedded(LocalPipeline.Options.defaults()
                .withIdleTimeout(Duration.ofSeconds(2)))) {
            double raw = rawRate(pipeline.kafka(), values);
            System.out.printf("raw Kafka produce+consume: %,.0f records/s%n", raw);
            pipeline.startTraining("bench-train");
            pipeline.startScoring("bench-score");
            long start = System.nanoTime();
            pipeline.produceEvents(events.iterator());
            Map<String, String> groups = Map.of(pipeline.groupOf("model"), pipeline.topics().events().name(),
                    pipeline.groupOf("scoring"), pipeline.topics().events().name());
            while (!pipeline.drained(groups)) {
                Thread.sleep(100);
            }
            // the idle close (2 s after the last event) is not work; take it out of the figure
            double seconds = (System.nanoTime() - start) / 1e9 - 2.0;
            double rate = events.size() / seconds;
            System.out.printf("training + scoring: %,.0f events/s (%.1f s), ratio to raw %.2f%n", rate, seconds, rate / raw);
        }
    }

    /** Produces every record to a fresh topic while a consumer reads them; records per second end to end. */
    static double rawRate(KafkaSettings kafka, List<byte[]> values) throws Exception {
        String topic = kafka.topicPrefix() + ".bench-raw";
        TopicAdmin.createNamed(kafka, List.of(topic), 4);
        long start = System.nanoTime();
        Thread producerThread = new Thread(() -> {
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(ClientConfigs.producer(kafka, "bench-p", null))) {
                for (byte[] v : values) {
                    producer.send(new ProducerRecord<>(topic, v));
                }
                producer.flush();
            }
        });
        producerThread.start();
        long read = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(ClientConfigs.consumer(kafka, "bench-c", null, 2000))) {
            List<TopicPartition> parts = new ArrayList<>();
            for (int p = 0; p < 4; p++) {
                parts.add(new TopicPartition(topic, p));
            }
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            while (read < values.size()) {
                read += consumer.poll(Duration.ofMillis(200)).count();
            }
        }
        producerThread.join();
        return values.size() / ((System.nanoTime() - start) / 1e9);
    }
}
