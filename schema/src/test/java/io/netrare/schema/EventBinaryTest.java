package io.netrare.schema;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The events topic's binary layout against its golden file, against the layout document
 * ({@code schemas/network-event.binary.json}, read here by a reader that knows nothing but that document), and
 * against the JSON encoding. Regenerate the golden file after a deliberate layout change with
 * {@code -Dgolden.update=true} and review the diff.
 */
class EventBinaryTest {

    private static final String GOLDEN = "network-event.bin.hex";

    static byte[] golden() throws IOException {
        try (InputStream in = EventBinaryTest.class.getResourceAsStream("/golden/" + GOLDEN)) {
            assertThat(in).isNotNull();
            return HexFormat.of().parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).replaceAll("\\s", ""));
        }
    }

    @Test
    void theGoldenFileReadsIntoTheSampleAndTheSampleWritesIt() throws IOException {
        byte[] written = EventCodec.encode(Samples.networkEvent());
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(Path.of("src/test/resources/golden", GOLDEN), HexFormat.of().formatHex(written) + "\n");
        }
        byte[] golden = golden();
        assertThat(EventCodec.decode(golden)).isEqualTo(Samples.networkEvent());
        assertThat(HexFormat.of().formatHex(written)).isEqualTo(HexFormat.of().formatHex(golden));
        assertThat(golden.length).as("compact: well under the JSON's size")
                .isLessThan(EventCodec.encodeJson(Samples.networkEvent()).length * 2 / 3);
    }

    @Test
    void theLayoutDocumentReadsTheGoldenFileIntoTheJsonGoldensValues() throws IOException {
        JsonNode layout;
        try (InputStream in = getClass().getResourceAsStream("/schemas/network-event.binary.json")) {
            layout = Json.mapper().readTree(in);
        }
        Map<String, Object> read = new LayoutReader(golden()).read(layout.get("fields"));
        JsonNode json;
        try (InputStream in = getClass().getResourceAsStream("/golden/network-event.json")) {
            json = Json.mapper().readTree(in);
        }
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("magic", (long) layout.get("magic").asInt());
        expected.put("layout_version", (long) layout.get("layout_version").asInt());
        flatten("", json, expected);
        Instant t = Instant.parse((String) expected.remove("@timestamp"));
        expected.put("@timestamp.epoch_second", t.getEpochSecond());
        expected.put("@timestamp.nano", (long) t.getNano());
        expected.put("ingest", 1L);
        read.values().removeIf(v -> v == null);
        assertThat(read).containsExactlyInAnyOrderEntriesOf(expected);
    }

    private static void flatten(String prefix, JsonNode node, Map<String, Object> out) {
        node.fields().forEachRemaining(f -> {
            String name = prefix + f.getKey();
            JsonNode v = f.getValue();
            if (v.isObject()) {
                flatten(name + ".", v, out);
            } else if (v.isArray()) {
                List<String> values = new ArrayList<>();
                v.forEach(x -> values.add(x.asText()));
                out.put(name, values);
            } else if (v.isNumber()) {
                out.put(name, v.asLong());
            } else {
                out.put(name, v.asText());
            }
        });
    }

    /** Reads bytes by the layout document's field list and encodings only. */
    private static final class LayoutReader {
        private final byte[] b;
        private int pos;

        LayoutReader(byte[] b) {
            this.b = b;
        }

        Map<String, Object> read(JsonNode fields) {
            Map<String, Object> out = new LinkedHashMap<>();
            readInto(fields, out);
            assertThat(pos).as("the layout accounts for every byte").isEqualTo(b.length);
            return out;
        }

        private void readInto(JsonNode fields, Map<String, Object> out) {
            for (JsonNode f : fields) {
                String name = f.get("field").asText();
                switch (f.get("encoding").asText()) {
                    case "u8" -> out.put(name, (long) (b[pos++] & 0xff));
                    case "uvarint" -> out.put(name, uvarint());
                    case "zigzag" -> out.put(name, zigzag());
                    case "string" -> out.put(name, string());
                    case "strings" -> {
                        long n = uvarint();
                        List<String> values = new ArrayList<>();
                        for (long i = 0; i < n; i++) {
                            values.add(string());
                        }
                        out.put(name, values);
                    }
                    case "optional" -> out.put(name, b[pos++] == 0 ? null : zigzag());
                    case "presence" -> {
                        long present = b[pos++];
                        out.put(name, present);
                        if (present == 1) {
                            readInto(f.get("fields"), out);
                        }
                    }
                    default -> throw new AssertionError("unknown encoding in the layout: " + f);
                }
            }
        }

        private long uvarint() {
            long v = 0;
            for (int shift = 0; ; shift += 7) {
                int x = b[pos++] & 0xff;
                v |= (long) (x & 0x7f) << shift;
                if ((x & 0x80) == 0) {
                    return v;
                }
            }
        }

        private long zigzag() {
            long v = uvarint();
            return (v >>> 1) ^ -(v & 1);
        }

        private String string() {
            int n = (int) uvarint();
            if (n == 0) {
                return null;
            }
            String s = new String(b, pos, n - 1, StandardCharsets.UTF_8);
            pos += n - 1;
            return s;
        }
    }

    @Test
    void sparseAndUnusualEventsRoundTripAndEqualTheirJsonReading() {
        NetworkEvent sparse = new NetworkEvent(NetworkEvent.SCHEMA_VERSION, Instant.parse("1969-12-31T23:59:59.999999999Z"),
                null, new NetworkEvent.Process("sshd", "", -1L, null), null, null,
                new NetworkEvent.Endpoint(null, 0), null,
                new NetworkEvent.Event(null, List.of("network", "x\"y"), List.of(), null, "d\u00e9j\u00e0 \uD83D\uDE00"), 3,
                new NetworkEvent.Provenance(null, "ecs", null));
        for (NetworkEvent e : List.of(Samples.networkEvent(), sparse)) {
            assertThat(EventCodec.decode(EventCodec.encode(e))).isEqualTo(e);
            assertThat(EventCodec.decode(EventCodec.encodeJson(e))).isEqualTo(e);
        }
    }

    @Test
    void randomEventsRoundTrip() {
        Random r = new Random(5);
        for (int i = 0; i < 2_000; i++) {
            NetworkEvent e = randomEvent(r);
            assertThat(EventCodec.decode(EventCodec.encode(e))).isEqualTo(e);
        }
    }

    private static NetworkEvent randomEvent(Random r) {
        return new NetworkEvent(r.nextInt(3), Instant.ofEpochSecond(r.nextLong(-1L << 40, 1L << 40), r.nextInt(1_000_000_000)),
                new NetworkEvent.Host(text(r), text(r), new NetworkEvent.Os(text(r), text(r), text(r))),
                new NetworkEvent.Process(text(r), text(r), r.nextBoolean() ? null : r.nextLong(), text(r)),
                new NetworkEvent.User(text(r), text(r)),
                new NetworkEvent.Endpoint(text(r), r.nextBoolean() ? null : r.nextInt()),
                new NetworkEvent.Endpoint(text(r), r.nextBoolean() ? null : r.nextInt(65536)),
                new NetworkEvent.Network(text(r), text(r)),
                new NetworkEvent.Event(text(r), List.of(), r.nextBoolean() ? List.of("start") : List.of("a", "b", "c"), text(r), text(r)),
                1 + r.nextInt(Integer.MAX_VALUE),
                r.nextBoolean() ? null : new NetworkEvent.Provenance(text(r), text(r), r.nextBoolean() ? null : r.nextLong()));
    }

    private static String text(Random r) {
        return switch (r.nextInt(5)) {
            case 0 -> null;
            case 1 -> "";
            case 2 -> "host-" + r.nextInt(50);
            case 3 -> "x".repeat(r.nextInt(300));
            default -> "\u00e9\u4e2d" + r.nextInt();
        };
    }

    @Test
    void aReaderOfSomeFieldsBuildsOnlyThoseAndReadsJsonWhole() {
        NetworkEvent e = Samples.networkEvent();
        NetworkEvent some = EventCodec.reader(List.of("host.name", "process.name", "event.type", "process.pid"))
                .apply(EventCodec.encode(e));
        assertThat(some.timestamp()).isEqualTo(e.timestamp());
        assertThat(some.count()).isEqualTo(e.count());
        assertThat(some.host().name()).isEqualTo(e.host().name());
        assertThat(some.process().name()).isEqualTo(e.process().name());
        assertThat(some.process().pid()).isEqualTo(e.process().pid());
        assertThat(some.destination().port()).isEqualTo(e.destination().port());
        assertThat(some.event().type()).isEqualTo(e.event().type());
        assertThat(some.event().category()).isEmpty();
        assertThat(List.of(String.valueOf(some.host().id()), String.valueOf(some.process().executable()),
                String.valueOf(some.user().name()), String.valueOf(some.destination().ip()),
                String.valueOf(some.event().dataset()), String.valueOf(some.ingest().source()))).containsOnly("null");
        assertThat(EventCodec.reader(List.of("process.name")).apply(EventCodec.encodeJson(e))).isEqualTo(e);
        Random r = new Random(3);
        for (int i = 0; i < 500; i++) { // every text field by itself, on random events
            NetworkEvent x = randomEvent(r);
            String field = EventBinary.TEXT_FIELDS.get(i % EventBinary.TEXT_FIELDS.size());
            NetworkEvent one = EventCodec.reader(List.of(field)).apply(EventCodec.encode(x));
            if (NetworkEvent.hasField(field)) {
                assertThat(one.field(field)).as(field).isEqualTo(x.field(field));
            }
            assertThat(one.timestamp()).isEqualTo(x.timestamp());
        }
        assertThatThrownBy(() -> EventCodec.reader(List.of("process.nmae")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("process.nmae");
    }

    @Test
    void damagedBinaryGivesTheDeadLetterException() throws IOException {
        byte[] golden = golden();
        List<byte[]> bad = new ArrayList<>();
        bad.add(new byte[]{0});
        bad.add(new byte[]{0, 9}); // a layout this build does not know
        bad.add(java.util.Arrays.copyOf(golden, golden.length - 3)); // truncated
        byte[] longer = java.util.Arrays.copyOf(golden, golden.length + 1);
        bad.add(longer); // a byte after the event
        bad.add(new byte[]{0, 1, 1, 0, 0, 0x7f}); // host.name: 126 bytes past the end
        bad.add(new byte[]{0, 1, 1, 0, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f}); // nanoseconds
        bad.add(new byte[]{0, 1, 1, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
                (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01}); // a varint of 11 bytes
        for (byte[] b : bad) {
            assertThatThrownBy(() -> EventCodec.decode(b)).isInstanceOf(Json.MalformedRecordException.class)
                    .hasMessageStartingWith("not a valid NetworkEvent (binary)");
        }
    }

    @Test
    void randomDamageNeverEscapesAsAnotherException() throws IOException {
        byte[] golden = golden();
        Random r = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = java.util.Arrays.copyOf(golden, 1 + r.nextInt(golden.length + 4));
            for (int k = 0; k < 1 + r.nextInt(4) && b.length > 1; k++) {
                b[1 + r.nextInt(b.length - 1)] = (byte) r.nextInt(256);
            }
            b[0] = 0;
            try {
                EventCodec.decode(b);
            } catch (Json.MalformedRecordException expected) {
                // the dead-letter path
            }
        }
    }
}
