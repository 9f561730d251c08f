package io.netrare.runtime.kafka;

import io.netrare.runtime.broker.EmbeddedKafkaBroker;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A loop whose input is quiet when the broker stops for longer than every client timeout: its processor's
 * timers stand still through the outage (no tick while the brokers are away, as a processor closing buckets
 * on idle input would otherwise close them for the outage), it hears {@link RecordProcessor#onBrokersBack}
 * once they answer, and input produced after the restart is processed exactly once.
 */
class KafkaLoopOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    @Test
    void ticksStandStillWhileTheBrokersAreAwayAndTheProcessorHearsThemBack() throws Exception {
        EmbeddedKafkaBroker.Options options = EmbeddedKafkaBroker.Options.defaults().withPartitions(2)
                .withDataDir(dir.resolve("kafka"));
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(options);
        options = options.withPort(broker.port());
        KafkaSettings kafka = shortTimeouts(broker.bootstrapServers());
        TopicAdmin.createNamed(kafka, List.of("in", "out"), 2);

        List<Instant> ticks = new CopyOnWriteArrayList<>();
        List<Instant> back = new CopyOnWriteArrayList<>();
        AtomicInteger processed = new AtomicInteger();
        RecordProcessor processor = new RecordProcessor() {
            @Override
            public void process(ConsumerRecord<byte[], byte[]> r, Output out) {
                processed.incrementAndGet();
                out.send("out", r.key(), r.value());
            }

            @Override
            public void onTick(Instant now, Output out) {
                ticks.add(now);
            }

            @Override
            public void onBrokersBack(Instant now) {
                back.add(now);
            }
        };
        KafkaLoop loop = KafkaLoop.builder("quiet", kafka, processor).inputTopics("in")
                .settings(LoopSettings.defaults().withGroupId("quiet-group")).build();
        loop.start();
        try {
            produce(kafka, 0, 100);
            await().atMost(Duration.ofSeconds(60)).until(() -> processed.get() >= 100 && loop.healthy());
            int backBefore = back.size();

            broker.stop();
            // the idle loop sees the outage through its consumer's connections
            await().atMost(OUTAGE).pollInterval(Duration.ofMillis(50)).until(loop::inOutage);
            Instant away = Instant.now();
            Thread.sleep(OUTAGE.toMillis());
            Instant restarting = Instant.now();
            assertThat(loop.failure()).isEmpty();
            broker = EmbeddedKafkaBroker.start(options);

            await().atMost(Duration.ofSeconds(60)).until(() -> back.size() > backBefore && loop.healthy());
            assertThat(back.get(backBefore)).isAfterOrEqualTo(restarting);
            // the watch reads the connection count once a second: allow it that long to tell the outage
            Instant settled = away.plusSeconds(1);
            assertThat(ticks).as("ticks while the broker was away").noneMatch(t -> t.isAfter(settled) && t.isBefore(restarting));
            int ticksBefore = ticks.size();
            await().atMost(Duration.ofSeconds(30)).until(() -> ticks.size() > ticksBefore);

            produce(kafka, 100, 200);
            List<ConsumerRecord<byte[], byte[]>> out = readCommitted(kafka, 200);
            List<String> values = new ArrayList<>();
            out.forEach(r -> values.add(new String(r.value(), UTF_8)));
            assertThat(values).hasSize(200);
            assertThat(new HashSet<>(values)).hasSize(200);
            assertThat(loop.failure()).isEmpty();
        } finally {
            loop.stop();
            broker.stop();
        }
    }

    /** Every client timeout a few seconds, so the outage outlasts each of them. */
    private static KafkaSettings shortTimeouts(String bootstrap) {
        KafkaSettings d = KafkaSettings.forBootstrap(bootstrap);
        return new KafkaSettings(bootstrap, d.clientId(), "outage", d.instanceId(), true, Duration.ofSeconds(6),
                Map.of("request.timeout.ms", "3000", "default.api.timeout.ms", "5000", "reconnect.backoff.max.ms", "1000"),
                Map.of("session.timeout.ms", "6000", "heartbeat.interval.ms", "1000"),
                Map.of("max.block.ms", "4000", "delivery.timeout.ms", "5000"));
    }

    private static void produce(KafkaSettings kafka, int from, int to) {
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(ClientConfigs.producer(kafka, "it-producer", null))) {
            for (int i = from; i < to; i++) {
                p.send(new ProducerRecord<>("in", ("k" + i).getBytes(UTF_8), Integer.toString(i).getBytes(UTF_8)));
            }
            p.flush();
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> readCommitted(KafkaSettings kafka, int expected) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (var c = new org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]>(
                ClientConfigs.consumer(kafka, "it-reader", null, 1000))) {
            List<org.apache.kafka.common.TopicPartition> parts = c.partitionsFor("out").stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition("out", p.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            // and nothing more arrives
            long quiet = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < quiet) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
