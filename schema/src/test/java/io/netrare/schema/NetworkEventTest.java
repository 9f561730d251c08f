package io.netrare.schema;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NetworkEventTest {

    private static final NetworkEvent FULL = new NetworkEvent(NetworkEvent.SCHEMA_VERSION,
            Instant.parse("2026-11-20T10:00:00Z"), new NetworkEvent.Host("hn", "hi", new NetworkEvent.Os("ot", "of", "on")),
            new NetworkEvent.Process("pn", "pe", 42L, "pi"), new NetworkEvent.User("un", "ui"),
            new NetworkEvent.Endpoint("10.0.0.1", 1234), new NetworkEvent.Endpoint("10.0.0.2", 443),
            new NetworkEvent.Network("nt", "nd"), new NetworkEvent.Event("ea", null, null, "em", "ed"), 1, null);

    /** Each field's reader reads its own part of the event, and null where the event has nothing. */
    @Test
    void aReaderReadsTheNamedField() {
        Map<String, String> expected = Map.ofEntries(Map.entry("host.name", "hn"), Map.entry("host.id", "hi"),
                Map.entry("host.os.type", "ot"), Map.entry("host.os.family", "of"), Map.entry("process.name", "pn"),
                Map.entry("process.executable", "pe"), Map.entry("process.pid", "42"),
                Map.entry("process.entity_id", "pi"), Map.entry("user.name", "un"), Map.entry("user.id", "ui"),
                Map.entry("source.ip", "10.0.0.1"), Map.entry("source.port", "1234"),
                Map.entry("destination.ip", "10.0.0.2"), Map.entry("destination.port", "443"),
                Map.entry("network.transport", "nt"), Map.entry("network.direction", "nd"),
                Map.entry("event.action", "ea"), Map.entry("event.module", "em"), Map.entry("event.dataset", "ed"));
        assertThat(expected.keySet()).containsExactlyInAnyOrderElementsOf(NetworkEvent.SUPPORTED_FIELDS);
        NetworkEvent empty = new NetworkEvent(NetworkEvent.SCHEMA_VERSION, FULL.timestamp(),
                new NetworkEvent.Host(null, null, new NetworkEvent.Os(null, null, null)),
                new NetworkEvent.Process(null, null, null, null), new NetworkEvent.User(null, null),
                new NetworkEvent.Endpoint(null, null), new NetworkEvent.Endpoint(null, null),
                new NetworkEvent.Network(null, null), new NetworkEvent.Event(null, null, null, null, null), 1, null);
        for (String field : NetworkEvent.SUPPORTED_FIELDS) {
            assertThat(NetworkEvent.reader(field).apply(FULL)).as(field).isEqualTo(expected.get(field));
            assertThat(FULL.field(field)).as(field).isEqualTo(expected.get(field));
            assertThat(NetworkEvent.reader(field).apply(empty)).as(field).isNull();
        }
    }

    @Test
    void anUnknownFieldIsRefused() {
        assertThatThrownBy(() -> NetworkEvent.reader("process.args")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("process.args");
        assertThatThrownBy(() -> FULL.field("process.args")).isInstanceOf(IllegalArgumentException.class);
    }
}
