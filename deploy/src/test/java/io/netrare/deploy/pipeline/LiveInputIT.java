package io.netrare.deploy.pipeline;

import io.netrare.alerting.service.AlertingConfig;
import io.netrare.runtime.RunningService;
import io.netrare.runtime.job.JobSettings;
import io.netrare.runtime.kafka.ClientConfigs;
import io.netrare.runtime.testing.KafkaBrokerExtension;
import io.netrare.schema.Alert;
import io.netrare.schema.AnomalyRecord;
import io.netrare.schema.Json;
import io.netrare.schema.NetworkEvent;
import io.netrare.schema.spi.JobSpec;
import io.netrare.scoring.BucketEngine;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The services on live input, streaming alerts on: never-seen processes arrive one at a time, each after a
 * pause longer than the idle timeout, all within one open bucket. Idle close must not close that bucket
 * (its end is still ahead of the wall clock), so each process raises an interim record and an alert at
 * once, and its final record follows when the bucket ends. The bucket span is 30 s, the idle timeout 2 s
 * and the latency 1 s, so the test takes about a minute. The send-to-alert latencies are printed.
 */
class LiveInputIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final Duration SPAN = Duration.ofSeconds(30);
    private static final Duration IDLE = Duration.ofSeconds(2);
    private static final List<String> COMMON = List.of("sshd", "curl", "apt", "chronyd", "systemd-resolve");
    private static final List<String> NEVER_SEEN = List.of("xmrig", "socat", "ncat");

    @TempDir
    Path rules;

    @Test
    void eachNeverSeenProcessAlertsAtOnceAndItsFinalRecordFollowsAtBucketClose() throws Exception {
        JobSettings d = JobSettings.defaults();
        JobSettings job = new JobSettings(d.jobId(), SPAN, d.byFieldName(), null, d.influencers(), "rare", Map.of(),
                d.onSnapshotMismatch());
        JobSpec spec = job.toJobSpec();
        LocalPipeline.Options options = LocalPipeline.Options.defaults().withTopicPrefix(KAFKA.uniqueTopic("live"))
                .withJob(job).withPartitions(2).withIdleTimeout(IDLE).withLatency(Duration.ofSeconds(1))
                .withWarmUp(Duration.ZERO); // the 40-bucket history is the whole warm-up here
        writeStreamingRule();
        try (LocalPipeline pipeline = LocalPipeline.onBroker(KAFKA.bootstrapServers(), options);
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(ClientConfigs.producer(pipeline.kafka(), "it-live", null))) {
            RunningService<?> training = pipeline.startTraining("train-0");
            RunningService<?> scoring = pipeline.startScoring("score-0");
            pipeline.startAlerting("alert-0", AlertingConfig.of(rules, AlertingConfig.ConsoleConfig.defaults(),
                    AlertingConfig.NdjsonConfig.defaults(), null, null, null));

            // history: the common processes in each of the 40 buckets before the current one
            long now = System.currentTimeMillis();
            long current = spec.bucketStart(now);
            for (int b = 40; b >= 1; b--) {
                for (String p : COMMON) {
                    send(producer, pipeline, spec, event(p, "web-0" + (b % 3), current - b * SPAN.toMillis() + 1000));
                }
            }
            producer.flush();
            // idle close learns the history: every bucket ended more than the latency ago
            PipelineSupport.awaitScored(List.of(event("sshd", "web-01", current - SPAN.toMillis())), spec,
                    Duration.ofMinutes(2), scoring);

            // wait for the start of a fresh bucket, so that every live event lands in it
            long open = spec.bucketStart(System.currentTimeMillis()) + SPAN.toMillis();
            Thread.sleep(Math.max(0, open - System.currentTimeMillis() + 200));

            Map<String, Long> latencies = new LinkedHashMap<>();
            try (KafkaConsumer<byte[], byte[]> alerts = atEnd(pipeline, pipeline.topics().alerts().name());
                 KafkaConsumer<byte[], byte[]> anomalies = atEnd(pipeline, pipeline.topics().anomalies().name())) {
                List<AnomalyRecord> records = new ArrayList<>();
                for (String process : NEVER_SEEN) {
                    long sentAt = System.currentTimeMillis();
                    assertThat(spec.bucketStart(sentAt)).as("still in the open bucket").isEqualTo(open);
                    send(producer, pipeline, spec, event(process, "web-01", sentAt));
                    producer.flush();
                    Alert alert = awaitAlert(alerts, process, Duration.ofSeconds(30));
                    latencies.put(process, System.currentTimeMillis() - sentAt);
                    assertThat(alert.anomaly().interim()).as("alert of %s comes from the interim record", process).isTrue();
                    assertThat(alert.anomaly().byFieldValue()).isEqualTo(process);
                    // pause for longer than the idle timeout before the next one
                    Thread.sleep(Math.max(0, sentAt + IDLE.toMillis() + 1500 - System.currentTimeMillis()));
                }
                System.out.println("live input: send-to-alert latency per never-seen process (ms): " + latencies);

                // the bucket ends: the final records follow
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    for (ConsumerRecord<byte[], byte[]> r : anomalies.poll(Duration.ofMillis(100))) {
                        records.add(Json.read(r.value(), AnomalyRecord.class));
                    }
                    return records.stream().filter(r -> !r.interim()).count() >= NEVER_SEEN.size();
                });
                for (String process : NEVER_SEEN) {
                    assertThat(records).filteredOn(r -> r.byFieldValue().equals(process)).extracting(AnomalyRecord::interim)
                            .as("interim then final record of %s", process).containsExactly(true, false);
                    assertThat(records).filteredOn(r -> r.byFieldValue().equals(process) && !r.interim()).singleElement()
                            .satisfies(r -> {
                                assertThat(r.timestamp()).isEqualTo(open);
                                assertThat(r.version()).isEqualTo(BucketEngine.FINAL_VERSION);
                                assertThat(r.probability()).isLessThan(0.035);
                            });
                }
                assertThat(training.registry().get("netrare_model_events_late").counter().count())
                        .as("no live event was late").isZero();
                assertThat(scoring.registry().get("netrare_scoring_events_late").counter().count()).isZero();
            }
        }
    }

    private void writeStreamingRule() throws Exception {
        String rule;
        try (InputStream in = AlertingConfig.class.getResourceAsStream("/rules/ml_linux_anomalous_network_activity.toml")) {
            rule = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // every rare record alerts, from its interim version
        rule = rule.replace("anomaly_threshold = 50", "anomaly_threshold = 1") + "\n[netrare]\nstreaming_alerts = true\n";
        Files.writeString(rules.resolve("streaming.toml"), rule);
    }

    private static NetworkEvent event(String process, String host, long at) {
        return new NetworkEvent(NetworkEvent.SCHEMA_VERSION, Instant.ofEpochMilli(at),
                new NetworkEvent.Host(host, host + "-id", new NetworkEvent.Os("linux", "debian", "Debian")),
                new NetworkEvent.Process(process, "/usr/bin/" + process, 4242L, null),
                new NetworkEvent.User("root", "0"), new NetworkEvent.Endpoint("10.0.0.5", 40000),
                new NetworkEvent.Endpoint("203.0.113.7", 443), new NetworkEvent.Network("tcp", "egress"),
                new NetworkEvent.Event("connection_attempted", List.of("network"), List.of("start"), "endpoint",
                        "endpoint.events.network"), 1, null);
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, LocalPipeline pipeline, JobSpec job, NetworkEvent e) {
        producer.send(new ProducerRecord<>(pipeline.topics().events().name(),
                job.entityKey(e).kafkaKey().getBytes(StandardCharsets.UTF_8), Json.write(e)));
    }

    private static KafkaConsumer<byte[], byte[]> atEnd(LocalPipeline pipeline, String topic) {
        KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(ClientConfigs.consumer(pipeline.kafka(), "it-live-" + topic, null, 500));
        List<TopicPartition> parts = new ArrayList<>();
        c.partitionsFor(topic).forEach(p -> parts.add(new TopicPartition(p.topic(), p.partition())));
        c.assign(parts);
        c.seekToEnd(parts);
        parts.forEach(c::position);
        return c;
    }

    private static Alert awaitAlert(KafkaConsumer<byte[], byte[]> alerts, String process, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : alerts.poll(Duration.ofMillis(50))) {
                Alert a = Json.read(r.value(), Alert.class);
                if (a.anomaly() != null && process.equals(a.anomaly().byFieldValue())) {
                    return a;
                }
            }
        }
        throw new AssertionError("no alert for " + process + " within " + timeout);
    }
}
