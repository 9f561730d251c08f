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
        assertThat(Json.mapper().readTree(EventCodec.encode(read))).isEqualTo(Json.mapper().readTree(golden));
        assertThat(JsonSchemaTest.schema("network-event.schema.json")
                .validate(Json.mapper().readTree(EventCodec.encode(read)))).isEmpty();
    }

    @Test
    void writesTheSameBytesAsTheDatabindSerde() {
        NetworkEvent full = Samples.networkEvent();
        NetworkEvent sparse = new NetworkEvent(NetworkEvent.SCHEMA_VERSION, Instant.parse("2026-03-01T00:00:00Z"),
                null, new NetworkEvent.Process("sshd", null, null, null), null, null,
                new NetworkEvent.Endpoint(null, 22), null,
                new NetworkEvent.Event(null, List.of("network", "x\"y"), List.of(), null, "d\u00e9j\u00e0"), 3, null);
        for (NetworkEvent e : List.of(full, sparse)) {
            assertThat(new String(EventCodec.encode(e), StandardCharsets.UTF_8))
                    .isEqualTo(new String(Json.write(e), StandardCharsets.UTF_8));
            assertThat(EventCodec.decode(EventCodec.encode(e))).isEqualTo(e);
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
}
