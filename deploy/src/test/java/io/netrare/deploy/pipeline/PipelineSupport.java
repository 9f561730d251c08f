package io.netrare.deploy.pipeline;

import io.netrare.runtime.RunningService;
import io.netrare.runtime.kafka.ClientConfigs;
import io.netrare.runtime.kafka.KafkaSettings;
import io.netrare.schema.AnomalyRecord;
import io.netrare.schema.Json;
import io.netrare.schema.NetworkEvent;
import io.netrare.schema.spi.JobSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.awaitility.Awaitility.await;

/** Helpers for the pipeline ITs: waiting for scoring to finish, reading records, reducing them to finals. */
final class PipelineSupport {

    private PipelineSupport() {
    }

    /** What a final record must agree on between two runs. */
    record FinalRecord(String recordId, String byValue, String partitionValue, long bucket, double probability,
                       double initialScore, long finalVersion, long latestVersion, double latestScore) {
    }

    /** The offline engine's final records on the same events: the reference every pipeline run must match. */
    static Map<String, FinalRecord> offlineFinals(List<NetworkEvent> events, io.netrare.runtime.job.JobSettings job,
                                                  int partitions) {
        io.netrare.scoring.OfflineScorer.Result result = io.netrare.scoring.OfflineScorer.forPartitions(job.toJobSpec(),
                job.modelProvider(), io.netrare.scoring.EngineConfig.defaults(), java.time.Clock.systemUTC(), partitions)
                .score(events);
        return finals(result.emitted());
    }

    /** Waits until every scoring instance has scored the bucket of the last event. */
    static void awaitScored(List<NetworkEvent> events, JobSpec job, Duration timeout, RunningService<?>... scorers) {
        long last = events.stream().mapToLong(e -> job.bucketStart(e.timestamp())).max().orElseThrow();
        await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
            for (RunningService<?> s : scorers) {
                if (s.registry().get("netrare_scoring_model_bucket_seconds").gauge().value() < last / 1000.0) {
                    return false;
                }
            }
            return true;
        });
    }

    /** Reads a topic with read_committed from the beginning until nothing new arrives for {@code quiet}. */
    static List<ConsumerRecord<byte[], byte[]>> readAll(KafkaSettings kafka, String topic, Duration quiet) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(ClientConfigs.consumer(kafka, "it-reader", null, 5000))) {
            List<TopicPartition> parts = new ArrayList<>();
            for (PartitionInfo p : consumer.partitionsFor(topic)) {
                parts.add(new TopicPartition(topic, p.partition()));
            }
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            long lastNew = System.nanoTime();
            while (System.nanoTime() - lastNew < quiet.toNanos()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(r);
                    lastNew = System.nanoTime();
                }
            }
        }
        return out;
    }

    static List<AnomalyRecord> records(List<ConsumerRecord<byte[], byte[]>> raw) {
        return raw.stream().map(r -> Json.read(r.value(), AnomalyRecord.class)).toList();
    }

    /** The anchor's cut-off: a final record above it only withdraws an interim record. */
    static final double UNUSUAL_PROBABILITY = 0.035;

    /**
     * Each anomalous record by record id: its first final (non-interim) version, and its latest version
     * (renormalized). A final version with a probability at or above the cut-off withdraws an interim record
     * whose value proved not rare; which interim records exist depends on timing (the model an open bucket
     * is scored against), so those are left out of the comparison.
     */
    static Map<String, FinalRecord> finals(List<AnomalyRecord> records) {
        Map<String, AnomalyRecord> first = new TreeMap<>();
        Map<String, AnomalyRecord> latest = new TreeMap<>();
        records.stream().filter(r -> !r.interim() && r.probability() < UNUSUAL_PROBABILITY)
                .sorted(Comparator.comparingLong(AnomalyRecord::version)).forEach(r -> {
                    first.putIfAbsent(r.recordId(), r);
                    latest.put(r.recordId(), r);
                });
        Map<String, FinalRecord> out = new TreeMap<>();
        first.forEach((id, r) -> {
            AnomalyRecord last = latest.get(id);
            out.put(id, new FinalRecord(id, r.byFieldValue(), r.partitionFieldValue(), r.timestamp(), r.probability(),
                    r.initialRecordScore(), r.version(), last.version(), last.recordScore()));
        });
        return out;
    }
}
