package io.netrare.schema;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The events topic's codec. {@link #encode} writes the compact binary layout of {@link EventBinary} (what
 * {@code schemas/network-event.binary.json} describes); {@link #encodeJson} writes the ECS JSON document that
 * {@code schemas/network-event.schema.json} describes, for people and files ({@code netrare parse}). {@link #decode}
 * reads either, by the first byte: a zero byte starts a binary event, anything else is read as JSON, so producers
 * that write JSON events (tools, older ingest) keep working. JSON is written and read with Jackson's streaming
 * API — no reflection, no intermediate tree; fields in one fixed order (the order of the record's components),
 * nulls left out, {@code schema_version} first. Its bytes are the same as {@link Json#write(Object)} of the event;
 * reading ignores unknown fields as {@link Json} does.
 */
public final class EventCodec {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).maxNumberLength(64).build())
            .build();

    private EventCodec() {
    }

    /** The event's bytes on the events topic: the compact binary layout. */
    public static byte[] encode(NetworkEvent e) {
        return EventBinary.write(e);
    }

    /**
     * An encoder for one producing thread, as {@link #encode} encodes: it keeps its own buffer and the bytes of the
     * strings it encoded lately, so it is not thread-safe.
     */
    public static java.util.function.Function<NetworkEvent, byte[]> encoder() {
        return new EventBinary.Writer()::bytes;
    }

    /** The event as its ECS JSON document. */
    public static byte[] encodeJson(NetworkEvent e) {
        ByteArrayBuilder buf = new ByteArrayBuilder(512);
        try (JsonGenerator g = FACTORY.createGenerator(buf)) {
            g.writeStartObject();
            g.writeNumberField("schema_version", e.schemaVersion());
            g.writeStringField("@timestamp", formatInstant(e.timestamp()));
            g.writeObjectFieldStart("host");
            str(g, "name", e.host().name());
            str(g, "id", e.host().id());
            g.writeObjectFieldStart("os");
            str(g, "type", e.host().os().type());
            str(g, "family", e.host().os().family());
            str(g, "name", e.host().os().name());
            g.writeEndObject();
            g.writeEndObject();
            g.writeObjectFieldStart("process");
            str(g, "name", e.process().name());
            str(g, "executable", e.process().executable());
            if (e.process().pid() != null) {
                g.writeNumberField("pid", e.process().pid());
            }
            str(g, "entity_id", e.process().entityId());
            g.writeEndObject();
            g.writeObjectFieldStart("user");
            str(g, "name", e.user().name());
            str(g, "id", e.user().id());
            g.writeEndObject();
            endpoint(g, "source", e.source());
            endpoint(g, "destination", e.destination());
            g.writeObjectFieldStart("network");
            str(g, "transport", e.network().transport());
            str(g, "direction", e.network().direction());
            g.writeEndObject();
            g.writeObjectFieldStart("event");
            str(g, "action", e.event().action());
            strings(g, "category", e.event().category());
            strings(g, "type", e.event().type());
            str(g, "module", e.event().module());
            str(g, "dataset", e.event().dataset());
            g.writeEndObject();
            g.writeNumberField("count", e.count());
            if (e.ingest() != null) {
                g.writeObjectFieldStart("ingest");
                str(g, "source", e.ingest().source());
                str(g, "format", e.ingest().format());
                if (e.ingest().offset() != null) {
                    g.writeNumberField("offset", e.ingest().offset());
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException ex) {
            throw new IllegalArgumentException("cannot encode event: " + ex.getMessage(), ex);
        }
        return buf.toByteArray();
    }

    private static void str(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            if (v == null) {
                g.writeNull();
            } else {
                g.writeString(v);
            }
        }
        g.writeEndArray();
    }

    private static void endpoint(JsonGenerator g, String name, NetworkEvent.Endpoint e) throws IOException {
        g.writeObjectFieldStart(name);
        str(g, "ip", e.ip());
        if (e.port() != null) {
            g.writeNumberField("port", e.port());
        }
        g.writeEndObject();
    }

    /**
     * Reads one event, binary or JSON.
     *
     * @throws Json.MalformedRecordException when the bytes are not an event document (the caller's
     *                                       dead-letter path takes it)
     */
    public static NetworkEvent decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    public static NetworkEvent decode(byte[] bytes, int off, int len) {
        return decode(bytes, off, len, EventBinary.ALL, EventBinary.threadStrings());
    }

    /**
     * A decoder of whole events for one consuming thread: it keeps its own table of the strings it read lately
     * ({@link RepeatedStrings}), so it is not thread-safe. Fails as {@link #decode(byte[])} does.
     */
    public static java.util.function.Function<byte[], NetworkEvent> reader() {
        return reader(EventBinary.ALL);
    }

    /**
     * A decoder for a service that reads only some fields: binary events come out with the other text fields null
     * (lists empty), passed over without building their strings; times and numbers are always read, and JSON events
     * are read whole. Fails as {@link #decode(byte[])} does.
     *
     * @param fields dotted ECS names ({@link NetworkEvent#SUPPORTED_FIELDS}, {@code event.category},
     *               {@code event.type}, {@code ingest.source}, {@code ingest.format})
     * @throws IllegalArgumentException for a name the event does not carry
     */
    public static java.util.function.Function<byte[], NetworkEvent> reader(java.util.Collection<String> fields) {
        return reader(EventBinary.mask(fields));
    }

    private static java.util.function.Function<byte[], NetworkEvent> reader(long mask) {
        RepeatedStrings strings = new RepeatedStrings();
        return bytes -> decode(bytes, 0, bytes.length, mask, strings);
    }

    /**
     * Reads a record of the events topic: one event (binary or JSON) or a batch of binary events
     * ({@link #batch}). Fails as {@link #decode(byte[])} does.
     */
    public static List<NetworkEvent> decodeAll(byte[] bytes) {
        return batchReader(EventBinary.ALL, EventBinary.threadStrings()).apply(bytes);
    }

    /** As {@link #reader()}, for records that may hold a batch of events: every event of the record, in order. */
    public static java.util.function.Function<byte[], List<NetworkEvent>> batchReader() {
        return batchReader(EventBinary.ALL, new RepeatedStrings());
    }

    /** As {@link #reader(java.util.Collection)}, for records that may hold a batch of events. */
    public static java.util.function.Function<byte[], List<NetworkEvent>> batchReader(java.util.Collection<String> fields) {
        return batchReader(EventBinary.mask(fields), new RepeatedStrings());
    }

    private static java.util.function.Function<byte[], List<NetworkEvent>> batchReader(long mask, RepeatedStrings strings) {
        return bytes -> {
            if (!EventBinary.isBatch(bytes)) {
                return List.of(decode(bytes, 0, bytes.length, mask, strings));
            }
            List<NetworkEvent> out = new ArrayList<>();
            try {
                EventBinary.readBatch(bytes, mask, strings, out);
            } catch (RuntimeException ex) {
                throw new Json.MalformedRecordException("not a valid batch of NetworkEvents: " + ex.getMessage(), ex);
            }
            return out;
        };
    }

    /**
     * One record's value holding several events: each as {@link #encode} (or an {@link #encoder()}) wrote it, in order.
     * Consumers that read with {@link #decodeAll} or a {@link #batchReader} take it; a reader of single events
     * refuses it as a layout it does not know.
     *
     * @throws IllegalArgumentException for an empty list, more than 65,536 events, or an element that is not a binary
     *                                  event
     */
    public static byte[] batch(List<byte[]> encodedEvents) {
        return EventBinary.batch(encodedEvents);
    }

    /**
     * Batches built as events come, one open batch per slot (e.g. per partition): each event is encoded once, straight
     * behind the others of its slot, and {@link Batcher#take} gives the slot's batch as {@link #batch} would write it.
     * For one producing thread (it keeps the bytes of the strings it encoded lately).
     */
    public static Batcher batcher(int slots) {
        return new Batcher(new EventBinary.Batches(slots));
    }

    /** See {@link #batcher}. */
    public static final class Batcher {
        private final EventBinary.Batches batches;

        private Batcher(EventBinary.Batches batches) {
            this.batches = batches;
        }

        /** Adds an event to the open batch of {@code slot}. */
        public void add(int slot, NetworkEvent event) {
            batches.add(slot, event);
        }

        /** Events in the open batch of {@code slot}. */
        public int count(int slot) {
            return batches.count(slot);
        }

        /** Bytes of events in the open batch of {@code slot}. */
        public int bytes(int slot) {
            return batches.bytes(slot);
        }

        /** The open batch of {@code slot} (one event at least), which starts a new one. */
        public byte[] take(int slot) {
            return batches.take(slot);
        }
    }

    /** Whether a record's value is a batch of events ({@link #batch}). */
    public static boolean isBatch(byte[] value) {
        return EventBinary.isBatch(value);
    }

    /**
     * The value of event {@code index} (from 0) of a record: the record's value itself when it holds one event, that
     * event's own bytes when it holds a batch (e.g. to forward one event of a batch on its own).
     */
    public static byte[] eventOf(byte[] value, int index) {
        if (!EventBinary.isBatch(value)) {
            if (index != 0) {
                throw new IllegalArgumentException("no event " + index + " in a record of one event");
            }
            return value;
        }
        return EventBinary.eventOf(value, index);
    }

    private static NetworkEvent decode(byte[] bytes, int off, int len, long mask, RepeatedStrings strings) {
        if (len > 0 && bytes[off] == EventBinary.MAGIC) {
            try {
                return EventBinary.read(bytes, off, len, mask, strings);
            } catch (RuntimeException ex) {
                throw new Json.MalformedRecordException("not a valid NetworkEvent (binary): " + ex.getMessage(), ex);
            }
        }
        return decodeJson(bytes, off, len);
    }

    private static NetworkEvent decodeJson(byte[] bytes, int off, int len) {
        try (JsonParser p = FACTORY.createParser(bytes, off, len)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            NetworkEvent e = readEvent(p);
            if (p.nextToken() != null) {
                throw new IOException("content after the JSON object");
            }
            return e;
        } catch (IOException | RuntimeException ex) {
            throw new Json.MalformedRecordException("not a valid NetworkEvent: " + ex.getMessage(), ex);
        }
    }

    private static NetworkEvent readEvent(JsonParser p) throws IOException {
        var e = new FieldReader() {
            int version;
            Instant timestamp;
            NetworkEvent.Host host;
            NetworkEvent.Process process;
            NetworkEvent.User user;
            NetworkEvent.Endpoint source;
            NetworkEvent.Endpoint destination;
            NetworkEvent.Network network;
            NetworkEvent.Event event;
            long count;
            NetworkEvent.Provenance ingest;

            @Override
            public void read(String name, JsonToken t) throws IOException {
                if (t == JsonToken.VALUE_NULL) {
                    return;
                }
                switch (name) {
                    case "schema_version" -> version = (int) number(p, t);
                    case "@timestamp" -> timestamp = instant(p, t);
                    case "host" -> host = readHost(p, t);
                    case "process" -> process = readProcess(p, t);
                    case "user" -> user = readUser(p, t);
                    case "source" -> source = readEndpoint(p, t);
                    case "destination" -> destination = readEndpoint(p, t);
                    case "network" -> network = readNetwork(p, t);
                    case "event" -> event = readEventObject(p, t);
                    case "count" -> count = number(p, t);
                    case "ingest" -> ingest = readProvenance(p, t);
                    default -> p.skipChildren();
                }
            }
        };
        forEachField(p, p.currentToken(), "event document", e);
        if (p.currentToken() != JsonToken.END_OBJECT) {
            throw new IOException("unterminated object");
        }
        if (e.timestamp == null) {
            throw new IOException("no @timestamp");
        }
        return new NetworkEvent(e.version, e.timestamp, e.host, e.process, e.user, e.source, e.destination, e.network,
                e.event, e.count, e.ingest);
    }

    /**
     * Reads the fields of one object into itself: each read function declares one, with a field per
     * component, so decoding allocates one reader per object and nothing per field.
     */
    private interface FieldReader {
        /** One field: its name, with the parser on the value's first token {@code t}. */
        void read(String name, JsonToken t) throws IOException;
    }

    /**
     * Reads the object whose {@code START_OBJECT} token is {@code t}, handing each field to {@code reader},
     * which must consume the value (an unknown field: {@link JsonParser#skipChildren()}). Returns with the
     * parser on the object's end.
     */
    private static void forEachField(JsonParser p, JsonToken t, String what, FieldReader reader) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            throw new IOException(what + " is not an object");
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            reader.read(name, p.nextToken());
        }
    }

    private static NetworkEvent.Host readHost(JsonParser p, JsonToken t) throws IOException {
        var h = new FieldReader() {
            String name;
            String id;
            NetworkEvent.Os os;

            @Override
            public void read(String f, JsonToken v) throws IOException {
                switch (f) {
                    case "name" -> name = text(p, v);
                    case "id" -> id = text(p, v);
                    case "os" -> os = v == JsonToken.VALUE_NULL ? null : readOs(p, v);
                    default -> p.skipChildren();
                }
            }
        };
        forEachField(p, t, "host", h);
        return new NetworkEvent.Host(h.name, h.id, h.os);
    }

    private static NetworkEvent.Os readOs(JsonParser p, JsonToken t) throws IOException {
        var o = new FieldReader() {
            String type;
            String family;
            String name;

            @Override
            public void read(String f, JsonToken v) throws IOException {
                switch (f) {
                    case "type" -> type = text(p, v);
                    case "family" -> family = text(p, v);
                    case "name" -> name = text(p, v);
                    default -> p.skipChildren();
                }
            }
        };
        forEachField(p, t, "host.os", o);
        return new NetworkEvent.Os(o.type, o.family, o.name);
    }

    private static NetworkEvent.Process readProcess(JsonParser p, JsonToken t) throws IOException {
        var r = new FieldReader() {
            String name;
            String executable;
            Long pid;
            String entityId;

            @Override
            public void read(String f, JsonToken v) throws IOException {
                switch (f) {
                    case "name" -> name = text(p, v);
                    case "executable" -> executable = text(p, v);
                    case "pid" -> pid = v == JsonToken.VALUE_NULL ? null : number(p, v);
                    case "entity_id" -> entityId = text(p, v);
                    default -> p.skipChildren();
                }
            }
        };
        forEachField(p, t, "process", r);
        return new NetworkEvent.Process(r.name, r.executable, r.pid, r.entityId);
    }

    private static NetworkEvent.User readUser(JsonParser p, JsonToken t) throws IOException {
        return readTwoTexts(p, t, "user", "name", "id", NetworkEvent.User::new);
    }

    private static NetworkEvent.Endpoint readEndpoint(JsonParser p, JsonToken t) throws IOException {
        var e = new FieldReader() {
            String ip;
            Integer port;

            @Override
            public void read(String f, JsonToken v) throws IOException {
                switch (f) {
                    case "ip" -> ip = text(p, v);
                    case "port" -> port = v == JsonToken.VALUE_NULL ? null : Math.toIntExact(number(p, v));
                    default -> p.skipChildren();
                }
            }
        };
        forEachField(p, t, "endpoint", e);
        return new NetworkEvent.Endpoint(e.ip, e.port);
    }

    private static NetworkEvent.Network readNetwork(JsonParser p, JsonToken t) throws IOException {
        return readTwoTexts(p, t, "network", "transport", "direction", NetworkEvent.Network::new);
    }

    /** An object of two text fields (others skipped), made into a value by {@code make}. */
    private static <T> T readTwoTexts(JsonParser p, JsonToken t, String what, String first, String second,
            java.util.function.BiFunction<String, String, T> make) throws IOException {
        String[] texts = new String[2];
        forEachField(p, t, what, (f, v) -> {
            if (f.equals(first)) {
                texts[0] = text(p, v);
            } else if (f.equals(second)) {
                texts[1] = text(p, v);
            } else {
                p.skipChildren();
            }
        });
        return make.apply(texts[0], texts[1]);
    }

    private static NetworkEvent.Event readEventObject(JsonParser p, JsonToken t) throws IOException {
        var e = new FieldReader() {
            String action;
            List<String> category;
            List<String> type;
            String module;
            String dataset;

            @Override
            public void read(String f, JsonToken v) throws IOException {
                switch (f) {
                    case "action" -> action = text(p, v);
                    case "category" -> category = strings(p, v);
                    case "type" -> type = strings(p, v);
                    case "module" -> module = text(p, v);
                    case "dataset" -> dataset = text(p, v);
                    default -> p.skipChildren();
                }
            }
        };
        forEachField(p, t, "event", e);
        return new NetworkEvent.Event(e.action, e.category, e.type, e.module, e.dataset);
    }

    private static NetworkEvent.Provenance readProvenance(JsonParser p, JsonToken t) throws IOException {
        var i = new FieldReader() {
            String source;
            String format;
            Long offset;

            @Override
            public void read(String f, JsonToken v) throws IOException {
                switch (f) {
                    case "source" -> source = text(p, v);
                    case "format" -> format = text(p, v);
                    case "offset" -> offset = v == JsonToken.VALUE_NULL ? null : number(p, v);
                    default -> p.skipChildren();
                }
            }
        };
        forEachField(p, t, "ingest", i);
        return new NetworkEvent.Provenance(i.source, i.format, i.offset);
    }

    private static String text(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (!t.isScalarValue()) {
            throw new IOException("field '" + p.currentName() + "' is not a scalar");
        }
        return p.getText();
    }

    private static long number(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return p.getLongValue();
        }
        if (t == JsonToken.VALUE_STRING) {
            try {
                return Long.parseLong(p.getText().trim());
            } catch (NumberFormatException e) {
                throw new IOException("field '" + p.currentName() + "' is not a number: " + p.getText());
            }
        }
        throw new IOException("field '" + p.currentName() + "' is not a number");
    }

    private static Instant instant(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_STRING) {
            String text = p.getText();
            Instant fast = parseUtc(text);
            if (fast != null) {
                return fast;
            }
            try {
                return Instant.parse(text);
            } catch (DateTimeException e) {
                throw new IOException("@timestamp is not an ISO-8601 instant: " + p.getText());
            }
        }
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return Instant.ofEpochSecond(p.getLongValue());
        }
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            java.math.BigDecimal d = p.getDecimalValue();
            long seconds = d.longValue();
            int nanos = d.subtract(java.math.BigDecimal.valueOf(seconds)).movePointRight(9).intValue();
            return Instant.ofEpochSecond(seconds, nanos);
        }
        throw new IOException("@timestamp is not an instant");
    }

    private static List<String> strings(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.START_ARRAY) {
            if (t.isScalarValue()) {
                return List.of(p.getText()); // a single value stands for a one-element array
            }
            throw new IOException("field '" + p.currentName() + "' is not an array");
        }
        List<String> out = new ArrayList<>(2);
        JsonToken v;
        while ((v = p.nextToken()) != JsonToken.END_ARRAY) {
            if (v == null) {
                throw new IOException("unterminated array");
            }
            if (!v.isScalarValue()) {
                throw new IOException("field '" + p.currentName() + "' holds a non-scalar");
            }
            out.add(v == JsonToken.VALUE_NULL ? null : p.getText());
        }
        return out;
    }

    /** {@link Instant#toString()} without the formatter, for years 0..9999 (others take the formatter). */
    static String formatInstant(Instant t) {
        long seconds = t.getEpochSecond();
        long days = Math.floorDiv(seconds, 86_400L);
        int secOfDay = (int) Math.floorMod(seconds, 86_400L);
        java.time.LocalDate date = java.time.LocalDate.ofEpochDay(days);
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            return t.toString();
        }
        StringBuilder b = new StringBuilder(30);
        pad(b, year, 4).append('-');
        pad(b, date.getMonthValue(), 2).append('-');
        pad(b, date.getDayOfMonth(), 2).append('T');
        pad(b, secOfDay / 3600, 2).append(':');
        pad(b, secOfDay / 60 % 60, 2).append(':');
        pad(b, secOfDay % 60, 2);
        int nanos = t.getNano();
        if (nanos > 0) { // as ISO_INSTANT: groups of three digits
            b.append('.');
            if (nanos % 1_000_000 == 0) {
                pad(b, nanos / 1_000_000, 3);
            } else if (nanos % 1000 == 0) {
                pad(b, nanos / 1000, 6);
            } else {
                pad(b, nanos, 9);
            }
        }
        return b.append('Z').toString();
    }

    private static StringBuilder pad(StringBuilder b, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(digits);
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} without the formatter; null for any other form (the caller
     * falls back to {@link Instant#parse}, which also validates).
     */
    static Instant parseUtc(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 28 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59) {
            return null; // days 29..31 and odd values go through the validating parser
        }
        int nanos = 0;
        if (n > 20) {
            int fracLen = n - 21;
            if (s.charAt(19) != '.' || fracLen < 1 || fracLen > 9) {
                return null;
            }
            int frac = digits(s, 20, fracLen);
            if (frac < 0) {
                return null;
            }
            nanos = frac;
            for (int i = fracLen; i < 9; i++) {
                nanos *= 10;
            }
        }
        long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400L + hour * 3600L + minute * 60L + second, nanos);
    }

    private static int digits(String s, int from, int len) {
        int v = 0;
        for (int i = from; i < from + len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
