package io.netrare.schema;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The events topic's streaming codec against the golden file and against the databind serde. */
class EventCodecTest {

    @Test
    void readsTheGoldenFileAndWritesTheSameTree() throws IOException {
        byte[] golden;
        try (InputStream in = getClass().getResourceAsStream("/golden/network-event.json")) {
            golden = in.readAllBytes();
        }
        NetworkEvent read = EventCodec.decode(golden);
        assertThat(read).isEqualTo(Samples.networkEvent());
        assertThat(Json.mapper().readTree(EventCodec.encodeJson(read))).isEqualTo(Json.mapper().readTree(golden));
        assertThat(JsonSchemaTest.schema("network-event.schema.json")
                .validate(Json.mapper().readTree(EventCodec.encodeJson(read)))).isEmpty();
    }

    @Test
    void writesTheSameBytesAsTheDatabindSerde() {
        NetworkEvent full = Samples.networkEvent();
        NetworkEvent sparse = new NetworkEvent(NetworkEvent.SCHEMA_VERSION, Instant.parse("2026-03-01T00:00:00Z"),
                null, new NetworkEvent.Process("sshd", null, null, null), null, null,
                new NetworkEvent.Endpoint(null, 22), null,
                new NetworkEvent.Event(null, List.of("network", "x\"y"), List.of(), null, "d\u00e9j\u00e0"), 3, null);
        for (NetworkEvent e : List.of(full, sparse)) {
            assertThat(new String(EventCodec.encodeJson(e), StandardCharsets.UTF_8))
                    .isEqualTo(new String(Json.write(e), StandardCharsets.UTF_8));
            assertThat(EventCodec.decode(EventCodec.encodeJson(e))).isEqualTo(e);
            assertThat(EventCodec.decode(Json.write(e))).isEqualTo(Json.read(Json.write(e), NetworkEvent.class));
        }
    }

    @Test
    void ignoresUnknownFieldsAndAcceptsAnyOrder() {
        String doc = "{\"count\":2,\"future\":{\"a\":[1,{\"b\":2}]},\"process\":{\"name\":\"curl\",\"extra\":1},"
                + "\"@timestamp\":\"2026-03-01T00:00:00Z\",\"schema_version\":1,\"host\":{\"name\":\"h\",\"os\":null}}";
        NetworkEvent e = EventCodec.decode(doc.getBytes(StandardCharsets.UTF_8));
        assertThat(e).isEqualTo(Json.read(doc, NetworkEvent.class));
        assertThat(e.process().name()).isEqualTo("curl");
        assertThat(e.count()).isEqualTo(2);
    }

    @Test
    void malformedBytesGiveTheDeadLetterException() {
        for (String bad : List.of("", "[]", "{\"schema_version\":1}", "{\"@timestamp\":\"yesterday\"}",
                "{\"@timestamp\":\"2026-03-01T00:00:00Z\",\"host\":3}", "{\"@timestamp\":\"2026-03-01T00:00:00Z\"",
                "{\"@timestamp\":\"2026-03-01T00:00:00Z\"} {}")) {
            assertThatThrownBy(() -> EventCodec.decode(bad.getBytes(StandardCharsets.UTF_8)))
                    .as(bad).isInstanceOf(Json.MalformedRecordException.class)
                    .hasMessageStartingWith("not a valid NetworkEvent");
        }
    }

    @Test
    void instantsAreWrittenAndReadAsTheJdkDoes() {
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(-100_000_000_000L, 250_000_000_000L);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant t = Instant.ofEpochSecond(seconds, nanos);
            assertThat(EventCodec.formatInstant(t)).isEqualTo(t.toString());
            Instant fast = EventCodec.parseUtc(t.toString());
            if (fast != null) {
                assertThat(fast).isEqualTo(t);
            }
        }
        assertThat(EventCodec.parseUtc("2026-02-30T00:00:00Z")).isNull(); // left to the validating parser
        assertThat(EventCodec.parseUtc("2026-03-01T10:15:30.5Z")).isEqualTo(Instant.parse("2026-03-01T10:15:30.5Z"));
        assertThat(EventCodec.parseUtc("2026-03-01T10:15:30+01:00")).isNull();
        assertThatThrownBy(() -> EventCodec.decode("{\"@timestamp\":\"2026-02-30T00:00:00Z\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(Json.MalformedRecordException.class);
    }
}
