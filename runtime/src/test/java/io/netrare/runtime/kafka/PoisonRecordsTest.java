package io.netrare.runtime.kafka;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

class PoisonRecordsTest {

    @Test
    void aHandlerFailureSkipsTheRecordCountsItAndQueuesItsDeadLetter() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PoisonRecords poison = new PoisonRecords(registry, "scoring", KafkaSettings.forBootstrap("127.0.0.1:1"));
        List<String> handled = new ArrayList<>();
        Consumer<ConsumerRecord<byte[], byte[]>> guarded = poison.guard("models", r -> {
            String v = new String(r.value(), StandardCharsets.UTF_8);
            if (v.startsWith("{")) {
                handled.add(v);
            } else {
                throw new IllegalArgumentException("not JSON: " + v);
            }
        });
        guarded.accept(record(1, "{ok}"));
        guarded.accept(record(2, "garbage"));
        guarded.accept(record(3, "{also ok}"));

        assertThat(handled).containsExactly("{ok}", "{also ok}");
        assertThat(registry.get("netrare_scoring_poison_records").tag("topic", "netrare.models").counter().count()).isEqualTo(1.0);
        List<ProducerRecord<byte[], byte[]>> letters = new ArrayList<>();
        poison.drainTo(letters::add);
        assertThat(letters).hasSize(1);
        ProducerRecord<byte[], byte[]> letter = letters.get(0);
        assertThat(letter.topic()).isEqualTo("netrare.dlq.scoring");
        assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo("garbage");
        assertThat(header(letter, DeadLetters.STAGE)).isEqualTo("models");
        assertThat(header(letter, DeadLetters.OFFSET)).isEqualTo("2");
        assertThat(header(letter, DeadLetters.ERROR_REASON)).contains("not JSON");
        assertThat(poison.pending()).isEmpty();
    }

    @Test
    void aDeadLetterOfAOneMebibyteRecordIsTrimmedToFitWithItsOriginalSize() {
        byte[] big = new byte[1 << 20];
        ConsumerRecord<byte[], byte[]> raw = new ConsumerRecord<>("netrare.raw", 0, 7, "k".getBytes(StandardCharsets.UTF_8), big);
        ProducerRecord<byte[], byte[]> letter = DeadLetters.fit(DeadLetters.of("netrare.dlq.ingest", raw, "parse",
                new IllegalArgumentException("too long")), DeadLetters.DEFAULT_MAX_REQUEST_SIZE);
        int headers = 0;
        for (var h : letter.headers()) {
            headers += h.key().length() + h.value().length;
        }
        assertThat(letter.value().length + letter.key().length + headers).isLessThan(DeadLetters.DEFAULT_MAX_REQUEST_SIZE - 1024);
        assertThat(header(letter, DeadLetters.ORIGINAL_SIZE)).isEqualTo(Integer.toString(1 << 20));
        assertThat(header(letter, DeadLetters.ERROR_REASON)).isEqualTo("too long");

        ProducerRecord<byte[], byte[]> small = DeadLetters.of("netrare.dlq.ingest",
                new ConsumerRecord<>("netrare.raw", 0, 8, null, new byte[100]), "parse", new IllegalArgumentException("x"));
        assertThat(DeadLetters.fit(small, DeadLetters.DEFAULT_MAX_REQUEST_SIZE)).isSameAs(small);
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset, String value) {
        return new ConsumerRecord<>("netrare.models", 0, offset, null, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String header(ProducerRecord<byte[], byte[]> r, String key) {
        return new String(r.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
    }
}
