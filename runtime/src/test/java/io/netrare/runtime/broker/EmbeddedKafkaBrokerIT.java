package io.netrare.runtime.broker;

import io.netrare.runtime.kafka.ClientConfigs;
import io.netrare.runtime.kafka.KafkaSettings;
import io.netrare.runtime.kafka.TopicAdmin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class EmbeddedKafkaBrokerIT {

    @Test
    void servesAProduceConsumeRoundTripAndLeavesNoNonDaemonThreads() throws Exception {
        Set<Thread> before = nonDaemonThreads();
        Path dataDir;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            assertThat(broker.bootstrapServers()).startsWith("127.0.0.1:");
            KafkaSettings kafka = KafkaSettings.forBootstrap(broker.bootstrapServers());
            TopicAdmin.createNamed(kafka, List.of("round-trip"), 1);
            try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(ClientConfigs.producer(kafka, "p", null))) {
                for (int i = 0; i < 10; i++) {
                    p.send(new ProducerRecord<>("round-trip", ("k" + i).getBytes(StandardCharsets.UTF_8),
                            ("v" + i).getBytes(StandardCharsets.UTF_8))).get();
                }
            }
            List<String> values = new ArrayList<>();
            try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(ClientConfigs.consumer(kafka, "c", null, 100))) {
                TopicPartition tp = new TopicPartition("round-trip", 0);
                c.assign(List.of(tp));
                c.seekToBeginning(List.of(tp));
                await().pollInSameThread().atMost(Duration.ofSeconds(30)).until(() -> {
                    for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(100))) {
                        values.add(new String(r.value(), StandardCharsets.UTF_8));
                    }
                    return values.size() >= 10;
                });
            }
            assertThat(values).containsExactly("v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9");
            dataDir = broker.dataDir();
            assertThat(dataDir).isDirectory();
        }
        // client and broker threads may take a moment to end after close
        await().pollInSameThread().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(newThreads(before)).isEmpty());
        assertThat(dataDir).as("the temporary data directory is deleted at close").doesNotExist();
    }

    @Test
    void restartsOnItsOwnDataDirKeepingClusterIdAndRecords(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        EmbeddedKafkaBroker.Options options = EmbeddedKafkaBroker.Options.defaults().withDataDir(dir.resolve("kafka"));
        String clusterId;
        int port;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(options)) {
            port = broker.port();
            clusterId = EmbeddedKafkaBroker.clusterId(dir.resolve("kafka")).orElseThrow();
            KafkaSettings kafka = KafkaSettings.forBootstrap(broker.bootstrapServers());
            TopicAdmin.createNamed(kafka, List.of("kept"), 1);
            try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(ClientConfigs.producer(kafka, "p", null))) {
                p.send(new ProducerRecord<>("kept", "k".getBytes(StandardCharsets.UTF_8), "before".getBytes(StandardCharsets.UTF_8))).get();
            }
        }
        try (EmbeddedKafkaBroker again = EmbeddedKafkaBroker.start(options.withPort(port))) {
            assertThat(EmbeddedKafkaBroker.clusterId(dir.resolve("kafka"))).contains(clusterId);
            KafkaSettings kafka = KafkaSettings.forBootstrap(again.bootstrapServers());
            List<String> values = new ArrayList<>();
            try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(ClientConfigs.consumer(kafka, "c", null, 100))) {
                TopicPartition tp = new TopicPartition("kept", 0);
                c.assign(List.of(tp));
                c.seekToBeginning(List.of(tp));
                await().pollInSameThread().atMost(Duration.ofSeconds(60)).until(() -> {
                    for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(100))) {
                        values.add(new String(r.value(), StandardCharsets.UTF_8));
                    }
                    return !values.isEmpty();
                });
            }
            assertThat(values).containsExactly("before");
        }
    }


    private static Set<String> newThreads(Set<Thread> before) {
        return nonDaemonThreads().stream().filter(t -> !before.contains(t)).map(Thread::getName).collect(Collectors.toSet());
    }

    private static Set<Thread> nonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && !t.isDaemon()).collect(Collectors.toSet());
    }
}
