package io.netrare.runtime.kafka;

import io.netrare.runtime.broker.EmbeddedKafkaBroker;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A writer with nothing to commit notices the brokers going away, and coming back on their port. */
class TransactionalWriterIT {

    @TempDir
    Path dir;

    @Test
    void anIdleWriterSeesTheBrokersGoAndComeBack() throws Exception {
        EmbeddedKafkaBroker.Options options = EmbeddedKafkaBroker.Options.defaults().withDataDir(dir.resolve("kafka"));
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(options);
        options = options.withPort(broker.port());
        KafkaSettings kafka = KafkaSettings.forBootstrap(broker.bootstrapServers());
        TopicAdmin.createNamed(kafka, List.of("written"), 1);
        try (TransactionalWriter writer = new TransactionalWriter(kafka, "test", "idle")) {
            writer.commit(List.of(new ProducerRecord<>("written", "v".getBytes(StandardCharsets.UTF_8))));
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> !writer.disconnected());
            broker.stop();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(writer::disconnected);
            broker = EmbeddedKafkaBroker.start(options);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> !writer.disconnected());
            writer.commit(List.of(new ProducerRecord<>("written", "w".getBytes(StandardCharsets.UTF_8))));
            assertThat(writer.committed()).isEqualTo(2);
        } finally {
            broker.stop();
        }
    }
}
