package io.netrare.ingest.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import io.netrare.ingest.IngestPipeline;
import io.netrare.ingest.Outcome;
import io.netrare.schema.NetworkEvent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The byte-level {@link EcsDocument} against the Jackson-based reader it replaced ({@link JacksonEcsDocument}):
 * on every JSON object of the fixtures, on generated documents (nested and dotted keys, duplicates, nulls,
 * arrays, escapes, multi-byte UTF-8) and on mutations of both (bytes flipped, cut, dropped, repeated), the two
 * agree on whether the input is well-formed and, when it is, on every wanted field.
 *
 * <p>Left out: input whose first bytes hold a NUL or a UTF-16 byte order mark, which Jackson reads as UTF-16 or
 * UTF-32 and the byte reader, like JSON exchanged between systems (RFC 8259 §8.1), as UTF-8 only.
 */
class EcsDocumentEquivalenceTest {

    private static final List<byte[]> CORPUS = corpus();

    /** Documents the check in {@link #compare} found to make an event. */
    private static final AtomicInteger emittedSeen = new AtomicInteger();

    @Example
    void everyFixtureObjectReadsTheSame() {
        assertThat(CORPUS).hasSizeGreaterThan(20);
        int emittedBefore = emittedSeen.get();
        for (byte[] doc : CORPUS) {
            assertThat(compare(doc)).as(new String(doc, StandardCharsets.UTF_8)).isTrue();
        }
        assertThat(emittedSeen.get() - emittedBefore).as("fixture documents that make an event").isGreaterThan(5);
    }

    @Property(tries = 2000)
    void mutatedFixturesReadTheSame(@ForAll long seed) {
        Random r = new Random(seed);
        byte[] doc = CORPUS.get(r.nextInt(CORPUS.size()));
        for (int k = 0; k < 5; k++) {
            doc = mutate(doc, r);
            compare(doc);
        }
    }

    @Property(tries = 3000)
    void generatedDocumentsReadTheSame(@ForAll long seed) {
        Random r = new Random(seed);
        byte[] doc = DocumentGenerator.document(r);
        assertThat(compare(doc)).as(new String(doc, StandardCharsets.UTF_8)).isTrue();
    }

    @Property(tries = 3000)
    void mutatedGeneratedDocumentsReadTheSame(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int mutations) {
        Random r = new Random(seed);
        byte[] doc = DocumentGenerator.document(r);
        for (int k = 0; k < mutations; k++) {
            doc = mutate(doc, r);
        }
        compare(doc);
    }

    @Example
    void limitsAreJacksonsLimits() {
        for (int depth : new int[] {62, 63, 64, 65, 66}) {
            compare(("{\"a\":" + "[".repeat(depth - 1) + "]".repeat(depth - 1) + "}").getBytes(StandardCharsets.UTF_8));
            compare(("{\"a\":" + "{\"b\":".repeat(depth - 1) + "1" + "}".repeat(depth - 1) + "}").getBytes(StandardCharsets.UTF_8));
        }
        assertThat(compare(("{\"a\":" + "[".repeat(63) + "]".repeat(63) + "}").getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(compare(("{\"a\":" + "[".repeat(64) + "]".repeat(64) + "}").getBytes(StandardCharsets.UTF_8))).isFalse();
        for (int digits : new int[] {63, 64, 65}) {
            String n = "1".repeat(digits);
            compare(("{\"host\":{\"id\":" + n + "}}").getBytes(StandardCharsets.UTF_8));
            compare(("{\"host\":{\"id\":-" + n + "}}").getBytes(StandardCharsets.UTF_8));
            compare(("{\"x\":" + n.substring(2) + ".5e1}").getBytes(StandardCharsets.UTF_8));
            compare(("{\"x\":" + n.substring(1) + ".5e+1}").getBytes(StandardCharsets.UTF_8));
        }
        assertThat(compare(("{\"x\":" + "1".repeat(64) + "}").getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(compare(("{\"x\":" + "1".repeat(65) + "}").getBytes(StandardCharsets.UTF_8))).isFalse();
        for (int len : new int[] {49_999, 50_000, 50_001, 70_000}) {
            compare(("{\"" + "k".repeat(len) + "\":1}").getBytes(StandardCharsets.UTF_8));
        }
        assertThat(compare(("{\"" + "k".repeat(50_000) + "\":1}").getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(compare(("{\"" + "k".repeat(50_001) + "\":1}").getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    @Example
    void escapedSurrogatesInNamesAndValues() {
        for (String escape : new String[] {"\\ud83d\\ude00", "\\ud83d", "\\ude00", "\\ud83d\\u0041", "\\ud83dA",
                "\\ud83d\\ud83d\\ude00", "\\ud83d\\n", "\\ud800\\udc00\\udc00", "\\udfff\\ud800", "\\uDBFF\\uDFFF",
                "\\ud83d\\uDE00x", "\\ud83d\\u", "\\ud83d\\"}) {
            compare(("{\"" + escape + "\":1,\"host\":{\"name\":\"" + escape + "\"}}").getBytes(StandardCharsets.UTF_8));
            compare(("{\"host\":{\"name\":\"" + escape + "\"}}").getBytes(StandardCharsets.UTF_8));
            compare(("{\"host\":{\"" + escape + "\":1,\"name\":\"x\"}}").getBytes(StandardCharsets.UTF_8));
        }
    }

    @Example
    void oddUtf8ReadsAsJacksonReadsIt() {
        // overlong forms, encoded surrogates, beyond U+10FFFF, cut and orphan sequences, and the edges of each range
        int[][] sequences = {{0xE0, 0x9F, 0x80}, {0xE0, 0xA0, 0x80}, {0xED, 0x9F, 0xBF}, {0xF0, 0x8F, 0x80, 0x80},
                {0xF0, 0x90, 0x80, 0x80}, {0xF4, 0x8F, 0xBF, 0xBF}, {0xE1, 0x80, 0x41}, {0xF1, 0x80, 0x80, 0x22},
                {0xEF, 0xBF, 0xBF}, {0xC2, 0x80}, {0xDF, 0xBF}, {0xC2, 0xC0}, {0xE1, 0xBF, 0xC0},{0xC0, 0xAF}, {0xC1, 0xBF}, {0xE0, 0x80, 0xAF}, {0xED, 0xA0, 0x80}, {0xF0, 0x80, 0x80, 0x80},
                {0xF4, 0x90, 0x80, 0x80}, {0xF5, 0x80, 0x80, 0x80}, {0xF7, 0xBF, 0xBF, 0xBF}, {0xF8, 0x80}, {0xFF},
                {0x80}, {0xC3}, {0xE2, 0x82}, {0xF0, 0x9F, 0x98}, {0xC3, 0xA9}, {0xF0, 0x9F, 0x98, 0x80}};
        for (int[] seq : sequences) {
            for (String shape : new String[] {"{\"host\":{\"name\":\"a%sb\"}}", "{\"event\":{\"type\":[\"%s\"]}}",
                    "{\"x\":\"%s\"}", "{\"%s\":1}", "{\"host.%s\":{\"name\":\"x\"}}", "{\"auditd.%s\":1}"}) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                String[] parts = shape.split("%s");
                out.writeBytes(parts[0].getBytes(StandardCharsets.UTF_8));
                for (int b : seq) {
                    out.write(b);
                }
                out.writeBytes(parts[1].getBytes(StandardCharsets.UTF_8));
                compare(out.toByteArray());
            }
        }
    }

    /**
     * Reads the bytes with both readers; fails when they disagree. True when the input is well-formed.
     */
    static boolean compare(byte[] bytes) {
        if (otherEncoding(bytes)) {
            return false;
        }
        JacksonEcsDocument expected;
        String expectedError = null;
        try {
            expected = JacksonEcsDocument.read(bytes, 0, bytes.length);
        } catch (IOException | RuntimeException e) {
            expected = null;
            expectedError = e.toString();
        }
        EcsDocument actual = new EcsDocument();
        // the reader is used again and again: read something else first, so left-over state would show
        try {
            actual.read(PREVIOUS, 0, PREVIOUS.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String actualError = null;
        try {
            actual.read(bytes, 0, bytes.length);
        } catch (EcsDocument.MalformedJsonException e) {
            actualError = e.getMessage();
            assertThat(actualError).contains(" at byte ");
        } catch (RuntimeException e) {
            fail("unexpected " + e + " for " + printable(bytes), e);
        }
        if (expectedError != null || actualError != null) {
            if ((expectedError == null) != (actualError == null)) {
                fail("Jackson: " + (expectedError == null ? "well-formed" : expectedError) + "; byte reader: "
                        + (actualError == null ? "well-formed" : actualError) + "; input: " + printable(bytes));
            }
            return false;
        }
        for (EcsField f : EcsField.values()) {
            assertThat(actual.get(f)).as(f.path + " in " + printable(bytes)).isEqualTo(expected.get(f.path));
            assertThat(actual.list(f)).as(f.path + " list in " + printable(bytes)).isEqualTo(expected.list(f.path));
            // the conversions read from the bytes give what the general ones give from the text
            String text = expected.get(f.path);
            assertThat(actual.longValue(f)).as(f.path + " as a long in " + printable(bytes)).isEqualTo(Fields.parseLong(text));
            assertThat(actual.port(f)).as(f.path + " as a port in " + printable(bytes)).isEqualTo(Fields.port(text));
            String ip;
            try {
                ip = Fields.ip(f.path, text);
            } catch (IllegalArgumentException e) {
                ip = "error: " + e.getMessage();
            }
            String actualIp;
            try {
                actualIp = actual.ip(f);
            } catch (IllegalArgumentException e) {
                actualIp = "error: " + e.getMessage();
            }
            assertThat(actualIp).as(f.path + " as an IP in " + printable(bytes)).isEqualTo(ip);
        }
        assertThat(actual.hasAuditd()).as("hasAuditd in " + printable(bytes)).isEqualTo(expected.hasAuditd());
        actual.release();
        // what lets ingest skip the field-length limit for short ECS records: no field's text is longer than the
        // record, or than a canonical address or a constant
        Outcome parsed = new EcsParser().parse(bytes, 0, bytes.length, new ParseContext("t", 0, Instant.EPOCH));
        if (parsed instanceof Outcome.Emitted emitted) {
            for (String name : NetworkEvent.SUPPORTED_FIELDS) {
                String value = emitted.event().field(name);
                assertThat(value == null ? 0 : value.length()).as(name + " of " + printable(bytes))
                        .isLessThanOrEqualTo(Math.max(bytes.length, IngestPipeline.ECS_DERIVED_MAX_CHARS));
            }
            emittedSeen.incrementAndGet();
        }
        return true;
    }

    private static final byte[] PREVIOUS = ("{\"@timestamp\":\"2026-01-01T00:00:00Z\",\"auditd\":{},\"host\":{\"name\":\"prev\","
            + "\"os\":{\"type\":\"linux\"}},\"event\":{\"category\":[\"network\"],\"type\":\"start\"},\"process\":{\"pid\":7}}")
            .getBytes(StandardCharsets.UTF_8);

    /** Jackson's encoding detection would read these as UTF-16 or UTF-32. */
    private static boolean otherEncoding(byte[] b) {
        for (int i = 0; i < Math.min(4, b.length); i++) {
            if (b[i] == 0) {
                return true;
            }
        }
        return b.length >= 2 && ((b[0] == (byte) 0xFE && b[1] == (byte) 0xFF) || (b[0] == (byte) 0xFF && b[1] == (byte) 0xFE));
    }

    private static final byte[] INTERESTING = "{}[],:\"\\/ \t\n\r0123456789-+.eEtrufalsn#xu.@".getBytes(StandardCharsets.US_ASCII);

    static byte[] mutate(byte[] doc, Random r) {
        if (doc.length == 0) {
            return new byte[] {'{'};
        }
        int at = r.nextInt(doc.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream(doc.length + 8);
        switch (r.nextInt(6)) {
            case 0 -> { // replace one byte
                byte[] copy = doc.clone();
                copy[at] = r.nextInt(4) == 0 ? (byte) r.nextInt(256) : INTERESTING[r.nextInt(INTERESTING.length)];
                return copy;
            }
            case 1 -> { // drop a few bytes
                int n = Math.min(doc.length - at, 1 + r.nextInt(3));
                out.write(doc, 0, at);
                out.write(doc, at + n, doc.length - at - n);
            }
            case 2 -> { // insert a byte
                out.write(doc, 0, at);
                out.write(r.nextInt(4) == 0 ? r.nextInt(256) : INTERESTING[r.nextInt(INTERESTING.length)]);
                out.write(doc, at, doc.length - at);
            }
            case 3 -> out.write(doc, 0, at); // cut
            case 4 -> { // repeat a span
                int n = Math.min(doc.length - at, 1 + r.nextInt(40));
                out.write(doc, 0, at + n);
                out.write(doc, at, doc.length - at);
            }
            default -> { // swap two bytes
                byte[] copy = doc.clone();
                int other = r.nextInt(doc.length);
                byte t = copy[at];
                copy[at] = copy[other];
                copy[other] = t;
                return copy;
            }
        }
        return out.toByteArray();
    }

    private static String printable(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            int c = x & 0xFF;
            if (c >= 0x20 && c < 0x7F) {
                sb.append((char) c);
            } else {
                sb.append(String.format("<%02x>", c));
            }
        }
        return sb.toString();
    }

    /** Every JSON object in the ECS fixtures (whole documents and the objects nested in them), compact and indented. */
    private static List<byte[]> corpus() {
        ObjectMapper mapper = new ObjectMapper();
        List<byte[]> out = new ArrayList<>();
        String[] files = {"defend/linux-network.ndjson",
                "fixtures/elastic-beats/auditbeat/module/auditd/_meta/accept.json",
                "fixtures/elastic-beats/x-pack/auditbeat/module/system/socket/_meta/data.json",
                "fixtures/elastic-integrations/packages/auditd_manager/data_stream/auditd/sample_event.json",
                "fixtures/elastic-integrations/packages/auditd/data_stream/log/_dev/test/pipeline/test-coalesced-network-events.json",
                "fixtures/go-libaudit/aucoalesce/testdata/ubuntu-16.10-linux-4.8.0.json.golden"};
        try {
            for (String f : files) {
                byte[] bytes;
                try (InputStream in = EcsDocumentEquivalenceTest.class.getClassLoader().getResourceAsStream(f)) {
                    bytes = in.readAllBytes();
                }
                if (f.endsWith(".ndjson")) {
                    for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
                        if (!line.isBlank()) {
                            out.add(line.getBytes(StandardCharsets.UTF_8));
                            collect(mapper.readTree(line), mapper, out);
                        }
                    }
                } else if (mapper.readTree(bytes).isObject()) {
                    out.add(bytes); // as written, pretty-printed
                }
                if (!f.endsWith(".ndjson")) {
                    collect(mapper.readTree(bytes), mapper, out);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = 0; i < 20; i++) {
            out.add(DocumentGenerator.benchmarkShaped(i));
        }
        return out;
    }

    private static void collect(JsonNode node, ObjectMapper mapper, List<byte[]> out) throws IOException {
        if (node.isObject()) {
            out.add(mapper.writeValueAsBytes(node));
            out.add(mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(node));
        }
        for (JsonNode child : node) {
            collect(child, mapper, out);
        }
    }
}
