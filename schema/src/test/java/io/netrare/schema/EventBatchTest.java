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
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Batches of binary events in one record of the events topic: against their golden file and the layout document's
 * {@code batch} section, round trips, the readers of some fields, one event taken out, and damaged batches. Regenerate
 * the golden file after a deliberate layout change with {@code -Dgolden.update=true} and review the diff.
 */
class EventBatchTest {

    private static final String GOLDEN = "network-event-batch.bin.hex";

    /** The sample, then the sample one second later from another process with no ingest provenance. */
    private static List<NetworkEvent> two() {
        NetworkEvent a = Samples.networkEvent();
        NetworkEvent b = new NetworkEvent(a.schemaVersion(), a.timestamp().plusSeconds(1), a.host(),
                new NetworkEvent.Process("curl", "/usr/bin/curl", 4242L, null), a.user(), a.source(), a.destination(),
                a.network(), a.event(), 1, null);
        return List.of(a, b);
    }

    private static byte[] golden() throws IOException {
        try (InputStream in = EventBatchTest.class.getResourceAsStream("/golden/" + GOLDEN)) {
            assertThat(in).isNotNull();
            return HexFormat.of().parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).replaceAll("\\s", ""));
        }
    }

    @Test
    void theGoldenBatchReadsIntoItsEventsAndTheEventsWriteIt() throws IOException {
        byte[] written = EventCodec.batch(two().stream().map(EventCodec::encode).toList());
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(Path.of("src/test/resources/golden", GOLDEN), HexFormat.of().formatHex(written) + "\n");
        }
        byte[] golden = golden();
        assertThat(HexFormat.of().formatHex(written)).isEqualTo(HexFormat.of().formatHex(golden));
        assertThat(EventCodec.isBatch(golden)).isTrue();
        assertThat(EventCodec.decodeAll(golden)).isEqualTo(two());
        assertThat(EventCodec.batchReader().apply(golden)).isEqualTo(two());
        assertThat(EventCodec.eventOf(golden, 1)).isEqualTo(EventCodec.encode(two().get(1)));
    }

    @Test
    void theLayoutDocumentDescribesTheGoldenBatch() throws IOException {
        JsonNode batch;
        try (InputStream in = getClass().getResourceAsStream("/schemas/network-event.binary.json")) {
            batch = Json.mapper().readTree(in).get("batch");
        }
        assertThat(batch).isNotNull();
        byte[] golden = golden();
        // magic, batch byte, count, then each event: its length, then the bytes of one binary event
        assertThat(golden[0]).isEqualTo((byte) batch.get("magic").asInt());
        assertThat(golden[1] & 0xff).isEqualTo(batch.get("batch_byte").asInt());
        assertThat(golden[2]).isEqualTo((byte) 2);
        int pos = 3;
        for (NetworkEvent e : two()) {
            byte[] one = EventCodec.encode(e);
            int length = 0;
            for (int shift = 0; ; shift += 7) { // the uvarint before each event
                int b = golden[pos++] & 0xff;
                length |= (b & 0x7f) << shift;
                if (b < 0x80) {
                    break;
                }
            }
            assertThat(length).isEqualTo(one.length);
            assertThat(Arrays.copyOfRange(golden, pos, pos + length)).isEqualTo(one);
            pos += length;
        }
        assertThat(pos).isEqualTo(golden.length);
    }

    @Test
    void singleEventsAndJsonReadAsBatchesOfOne() {
        NetworkEvent e = Samples.networkEvent();
        assertThat(EventCodec.decodeAll(EventCodec.encode(e))).containsExactly(e);
        assertThat(EventCodec.decodeAll(EventCodec.encodeJson(e))).containsExactly(e);
        assertThat(EventCodec.isBatch(EventCodec.encode(e))).isFalse();
        assertThat(EventCodec.eventOf(EventCodec.encode(e), 0)).isEqualTo(EventCodec.encode(e));
        assertThatThrownBy(() -> EventCodec.eventOf(EventCodec.encode(e), 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void randomBatchesRoundTripWholeAndByField() {
        Random r = new Random(17);
        var some = EventCodec.batchReader(List.of("host.name", "process.name"));
        for (int i = 0; i < 300; i++) {
            List<NetworkEvent> events = new ArrayList<>();
            for (int k = 0; k < 1 + r.nextInt(40); k++) {
                events.add(new NetworkEvent(1, Instant.ofEpochSecond(1_700_000_000L + r.nextInt(100_000)),
                        new NetworkEvent.Host("host-" + r.nextInt(30), null, null),
                        new NetworkEvent.Process(r.nextBoolean() ? "sshd" : "x".repeat(r.nextInt(200)), "/usr/sbin/sshd",
                                (long) r.nextInt(), null),
                        null, null, new NetworkEvent.Endpoint("10.0.0." + r.nextInt(256), r.nextInt(65536)), null, null,
                        1 + r.nextInt(3), null));
            }
            byte[] batch = EventCodec.batch(events.stream().map(EventCodec::encode).toList());
            assertThat(EventCodec.decodeAll(batch)).isEqualTo(events);
            List<NetworkEvent> read = some.apply(batch);
            assertThat(read).extracting(e -> e.host().name()).isEqualTo(events.stream().map(e -> e.host().name()).toList());
            assertThat(read).extracting(e -> e.process().name())
                    .isEqualTo(events.stream().map(e -> e.process().name()).toList());
            assertThat(read).extracting(e -> e.destination().ip()).containsOnlyNulls();
            int k = r.nextInt(events.size());
            assertThat(EventCodec.decode(EventCodec.eventOf(batch, k))).isEqualTo(events.get(k));
        }
    }

    @Test
    void aBatcherWritesWhatBatchWritesForEachSlot() {
        Random r = new Random(29);
        EventCodec.Batcher batcher = EventCodec.batcher(3);
        List<List<byte[]>> expected = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < 2_000; i++) {
            int slot = r.nextInt(3);
            NetworkEvent e = new NetworkEvent(1, Instant.ofEpochSecond(1_700_000_000L + i),
                    new NetworkEvent.Host("host-" + r.nextInt(9), null, null),
                    new NetworkEvent.Process(r.nextBoolean() ? "sshd" : "y".repeat(r.nextInt(300)), null, null, null),
                    null, null, null, null, null, 1, null);
            batcher.add(slot, e);
            expected.get(slot).add(EventCodec.encode(e));
            assertThat(batcher.count(slot)).isEqualTo(expected.get(slot).size());
            assertThat(batcher.bytes(slot)).isGreaterThan(0);
            if (r.nextInt(150) == 0 || batcher.count(slot) == 200) { // counts of one and of two bytes on the way
                assertThat(batcher.take(slot)).isEqualTo(EventCodec.batch(expected.get(slot)));
                expected.get(slot).clear();
                assertThat(batcher.count(slot)).isZero();
            }
        }
        for (int slot = 0; slot < 3; slot++) {
            if (!expected.get(slot).isEmpty()) {
                assertThat(batcher.take(slot)).isEqualTo(EventCodec.batch(expected.get(slot)));
            }
        }
        assertThatThrownBy(() -> batcher.take(0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void onlyBinaryEventsGoIntoABatchOfOneToManyEvents() {
        byte[] one = EventCodec.encode(Samples.networkEvent());
        assertThatThrownBy(() -> EventCodec.batch(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventCodec.batch(List.of(EventCodec.encodeJson(Samples.networkEvent()))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("binary events");
        assertThatThrownBy(() -> EventCodec.batch(List.of(EventCodec.batch(List.of(one)))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBatchIsNotReadAsOneEvent() throws IOException {
        assertThatThrownBy(() -> EventCodec.decode(golden())).isInstanceOf(Json.MalformedRecordException.class)
                .hasMessageContaining("a batch of events");
        assertThatThrownBy(() -> new Topics("t").events().read(golden())).isInstanceOf(Json.MalformedRecordException.class)
                .hasMessageContaining("a batch of events");
    }

    @Test
    void damagedBatchesGiveTheDeadLetterException() throws IOException {
        byte[] golden = golden();
        List<byte[]> bad = new ArrayList<>();
        bad.add(new byte[]{0, (byte) 0x81}); // no count
        bad.add(new byte[]{0, (byte) 0x81, 0}); // no event
        bad.add(new byte[]{0, (byte) 0x81, (byte) 0x81, (byte) 0x80, 0x08}); // more events than a batch may hold
        bad.add(Arrays.copyOf(golden, golden.length - 1)); // truncated
        bad.add(Arrays.copyOf(golden, golden.length + 1)); // a byte after the last event
        byte[] moreCounted = golden.clone();
        moreCounted[2] = 3; // three events said, two there
        bad.add(moreCounted);
        byte[] lessCounted = golden.clone();
        lessCounted[2] = 1; // one said, two there
        bad.add(lessCounted);
        byte[] innerDamage = golden.clone();
        innerDamage[5] = 0; // the first event's magic, then its layout byte (after its two-byte length)
        innerDamage[6] = 9;
        bad.add(innerDamage);
        for (byte[] b : bad) {
            assertThatThrownBy(() -> EventCodec.decodeAll(b)).as(HexFormat.of().formatHex(b))
                    .isInstanceOf(Json.MalformedRecordException.class)
                    .hasMessageStartingWith("not a valid batch of NetworkEvents");
        }
        Random r = new Random(23);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = Arrays.copyOf(golden, 3 + r.nextInt(golden.length + 4));
            for (int k = 0; k < 1 + r.nextInt(4); k++) {
                b[2 + r.nextInt(b.length - 2)] = (byte) r.nextInt(256);
            }
            b[0] = 0;
            b[1] = (byte) 0x81;
            try {
                EventCodec.decodeAll(b);
            } catch (Json.MalformedRecordException expected) {
                // the dead-letter path
            }
        }
    }
}
