package io.netrare.deploy.pipeline;

import io.netrare.runtime.RunningService;
import io.netrare.runtime.kafka.ClientConfigs;
import io.netrare.runtime.testing.KafkaBrokerExtension;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first event of a never-seen process, in a bucket that is still open, yields an interim record
 * while the fleet keeps sending about 10,000 events per second; the record arrives before the bucket
 * closes. The produce-to-record latency is printed (docs/benchmarks.md quotes it).
 */
class InterimRecordIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @Test
    void aNeverSeenProcessRaisesAnInterimRecordBeforeItsBucketCloses() throws Exception {
        LocalPipeline.Options options = LocalPipeline.Options.defaults().withTopicPrefix(KAFKA.uniqueTopic("interim"))
                .withIdleTimeout(Duration.ofMinutes(5)); // the open bucket must stay open during the test
        JobSpec job = options.job().toJobSpec();
        List<NetworkEvent> history = new FleetSimulator(FleetSpec.demo().withDays(2).withAttacks(false).withSeed(3))
                .datafeedEvents().toList();
        try (LocalPipeline pipeline = LocalPipeline.onBroker(KAFKA.bootstrapServers(), options)) {
            pipeline.startTraining("train-0");
            RunningService<?> scoring = pipeline.startScoring("score-0");
            pipeline.produceEvents(history.iterator());

            long lastHistoryBucket = history.stream().mapToLong(e -> job.bucketStart(e.timestamp())).max().orElseThrow();
            long open = lastHistoryBucket + 2 * job.bucketSpanMillis();
            // events of the next bucket push the watermark past the last history bucket, so it is scored
            List<NetworkEvent> common = history.subList(history.size() - 2000, history.size());
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(ClientConfigs.producer(pipeline.kafka(), "it", null));
                 KafkaConsumer<byte[], byte[]> anomalies = anomaliesAtEnd(pipeline)) {
                ShiftedEvents.sendAt(producer, pipeline.topics().events().name(), job, common, lastHistoryBucket + job.bucketSpanMillis() + 120_000);
                PipelineSupport.awaitScored(List.of(ShiftedEvents.at(common.get(0), lastHistoryBucket)), job, Duration.ofMinutes(3), scoring);

                // ~10,000 events per second of ordinary traffic in the open bucket, the rare event in the middle
                Instant sentAt = null;
                Optional<AnomalyRecord> interim = Optional.empty();
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                int second = 0;
                while (interim.isEmpty() && System.nanoTime() < deadline) {
                    long tick = System.nanoTime();
                    ShiftedEvents.sendAt(producer, pipeline.topics().events().name(), job, common.subList(0, 2000), open + second * 1000L);
                    ShiftedEvents.sendAt(producer, pipeline.topics().events().name(), job, common.subList(0, 2000), open + second * 1000L + 100);
                    ShiftedEvents.sendAt(producer, pipeline.topics().events().name(), job, common.subList(0, 2000), open + second * 1000L + 200);
                    ShiftedEvents.sendAt(producer, pipeline.topics().events().name(), job, common.subList(0, 2000), open + second * 1000L + 300);
                    ShiftedEvents.sendAt(producer, pipeline.topics().events().name(), job, common.subList(0, 2000), open + second * 1000L + 400);
                    if (second == 2) {
                        NetworkEvent xmrig = ShiftedEvents.rename(ShiftedEvents.at(common.get(0), open + 3000), "xmrig");
                        sentAt = Instant.now();
                        ShiftedEvents.send(producer, pipeline.topics().events().name(), job, xmrig);
                        producer.flush();
                    }
                    if (sentAt != null) {
                        interim = poll(anomalies, Duration.ofMillis(Math.max(50, 1000 - (System.nanoTime() - tick) / 1_000_000)));
                    } else {
                        Thread.sleep(Math.max(0, 1000 - (System.nanoTime() - tick) / 1_000_000));
                    }
                    second++;
                }
                assertThat(interim).as("interim record for xmrig").isPresent();
                AnomalyRecord record = interim.get();
                assertThat(record.interim()).isTrue();
                assertThat(record.timestamp()).isEqualTo(open);
                assertThat(scoring.registry().get("netrare_scoring_model_bucket_seconds").gauge().value())
                        .as("the record's bucket is still open").isLessThan(open / 1000.0);
                long latencyMs = Duration.between(sentAt, record.emittedAt()).toMillis();
                System.out.println("interim record latency (produce call -> record written): " + latencyMs + " ms");
                assertThat(latencyMs).isGreaterThanOrEqualTo(0);
            }
        }
    }

    private static KafkaConsumer<byte[], byte[]> anomaliesAtEnd(LocalPipeline pipeline) {
        KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(ClientConfigs.consumer(pipeline.kafka(), "it-anomalies", null, 500));
        List<TopicPartition> parts = new ArrayList<>();
        c.partitionsFor(pipeline.topics().anomalies().name()).forEach(p -> parts.add(new TopicPartition(p.topic(), p.partition())));
        c.assign(parts);
        c.seekToEnd(parts);
        parts.forEach(c::position);
        return c;
    }

    private static Optional<AnomalyRecord> poll(KafkaConsumer<byte[], byte[]> c, Duration timeout) {
        for (ConsumerRecord<byte[], byte[]> r : c.poll(timeout)) {
            AnomalyRecord a = Json.read(r.value(), AnomalyRecord.class);
            if ("xmrig".equals(a.byFieldValue())) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
