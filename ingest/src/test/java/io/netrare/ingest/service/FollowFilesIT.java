package io.netrare.ingest.service;

import io.netrare.runtime.kafka.ClientConfigs;
import io.netrare.runtime.kafka.KafkaSettings;
import io.netrare.runtime.kafka.TopicAdmin;
import io.netrare.runtime.testing.KafkaBrokerExtension;
import io.netrare.schema.EventCodec;
import io.netrare.schema.NetworkEvent;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ingest service, as its own JVM, follows a real auditd log while it is appended to, rotated by rename and
 * by copytruncate, truncated, written with a partial last line, and killed with SIGKILL mid-file and started
 * again: the events topic (read_committed) holds exactly one event per auditd event written, and no dead letter.
 * The positions topic is created with the configured {@code min.insync.replicas}.
 */
class FollowFilesIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @TempDir
    Path dir;

    private long serial = 1000;

    /** One auditd connect event (SYSCALL + SOCKADDR + EOE) whose pid identifies it. */
    String event(long pid) {
        long s = serial++;
        String head = "msg=audit(1764558000." + String.format("%03d", s % 1000) + ":" + s + "):";
        return "type=SYSCALL " + head + " arch=c000003e syscall=42 success=yes exit=0 a0=3 a1=7ffc a2=10 a3=0 items=0 "
                + "ppid=1 pid=" + pid + " auid=1000 uid=1000 gid=1000 euid=1000 comm=\"curl\" exe=\"/usr/bin/curl\" key=(null)\n"
                + "type=SOCKADDR " + head + " saddr=020001BB5DB8D8220000000000000000\n"
                + "type=EOE " + head + "\n";
    }

    String events(long from, long to) {
        StringBuilder sb = new StringBuilder();
        for (long pid = from; pid < to; pid++) {
            sb.append(event(pid));
        }
        return sb.toString();
    }

    static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    static void truncate(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(0);
        }
    }

    @Test
    void everyEventWrittenComesOutOnceThroughRotationsTruncationAndAKill() throws Exception {
        KafkaSettings kafka = KAFKA.settings("follow-0").withTopicPrefix(KAFKA.uniqueTopic("follow"));
        TopicAdmin.createAll(kafka, 2);
        Path log = dir.resolve("audit.log");
        String yaml = """
                kafka:
                  bootstrap_servers: "%s"
                  topic_prefix: "%s"
                  instance_id: "follow-0"
                  transaction_timeout: 10s
                metrics:
                  host: 127.0.0.1
                  port: 0
                ingest:
                  files: ["%s"]
                  raw_topic: false
                  max_past: none
                  batch_lines: 150
                  follow:
                    enabled: true
                    poll_interval: 50ms
                    partial_line_timeout: 60s
                    close_inactive: 10m
                  audit:
                    timeout: 1s
                  checkpoints:
                    min_insync_replicas: 1
                """.formatted(KAFKA.bootstrapServers(), kafka.topicPrefix(), log);
        Path config = dir.resolve("ingest.yaml");
        Files.writeString(config, yaml);

        append(log, events(0, 100));
        try (Events out = new Events(kafka.topics().events().name())) {
            Process first = start(config, "ingest-1");
            try {
                out.await(100);

                append(log, events(100, 150)); // append while running
                out.await(150);

                Files.move(log, dir.resolve("audit.log.1")); // rotate by rename: late writes to the old file first
                append(dir.resolve("audit.log.1"), events(150, 160));
                append(log, events(160, 200));
                out.await(200);

                Files.copy(log, dir.resolve("audit.log.copy"), StandardCopyOption.REPLACE_EXISTING); // copytruncate
                truncate(log);
                append(log, events(200, 230));
                out.await(230);

                truncate(log); // a plain truncate
                append(log, events(230, 260));
                out.await(260);

                String partial = event(260);
                append(log, partial.substring(0, 50)); // a partial line, completed later
                Thread.sleep(500);
                append(log, partial.substring(50) + events(261, 270));
                out.await(270);

                append(log, events(270, 2270)); // 6,000 lines: killed mid-file
                out.await(600);
            } finally {
                first.destroyForcibly();
                first.waitFor(30, TimeUnit.SECONDS);
            }
            assertThat(out.size()).isLessThan(2270);

            Process second = start(config, "ingest-2");
            try {
                out.await(2270);
                append(log, events(2270, 2300)); // and it follows on
                out.await(2300);
                Thread.sleep(2000); // a duplicate would show up by now
                out.poll();
            } finally {
                second.destroy();
                second.waitFor(30, TimeUnit.SECONDS);
            }
            assertThat(out.pids()).containsExactlyElementsOf(LongStream.range(0, 2300).boxed().toList());
        }
        assertThat(KAFKA.readCommitted(kafka.topics().deadLetters("ingest").name(), 0, Duration.ofSeconds(2))).isEmpty();
        try (Admin admin = Admin.create(ClientConfigs.admin(kafka, "check"))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, kafka.topics().ingestCheckpoints().name());
            Config c = admin.describeConfigs(List.of(topic)).all().get(30, TimeUnit.SECONDS).get(topic);
            assertThat(c.get("min.insync.replicas").value()).isEqualTo("1");
            assertThat(c.get("min.insync.replicas").source()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
            assertThat(c.get("cleanup.policy").value()).isEqualTo("compact");
        }
    }

    private Process start(Path config, String name) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                IngestMain.class.getName(), "--config", config.toString()));
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(name + ".log").toFile()));
        return pb.start();
    }

    /** The events topic, read continuously with read_committed. */
    private final class Events implements AutoCloseable {
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final List<Long> pids = new ArrayList<>();

        Events(String topic) {
            consumer = new KafkaConsumer<>(ClientConfigs.consumer(KAFKA.settings("reader"), "follow-reader", null, 5000));
            List<TopicPartition> parts = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
        }

        void poll() {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                EventCodec.decodeAll(r.value()).forEach(e -> pids.add(e.process().pid()));
            }
        }

        void await(int n) {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(90)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10))
                    .alias("events >= " + n + " (see " + dir + "/*.log)").until(() -> {
                        poll();
                        return pids.size() >= n;
                    });
        }

        int size() {
            poll();
            return pids.size();
        }

        List<Long> pids() {
            return pids.stream().sorted().toList();
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
