package io.netrare.schema;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The compact encoding of a {@link NetworkEvent} on the events topic, as {@code schemas/network-event.binary.json}
 * lays it out: a zero byte (no JSON text starts with one), the encoding's version, then every field in one fixed
 * order with no names. Integers are LEB128 varints (signed ones zigzag-mapped first); a string is its UTF-8 length
 * plus one as a varint, then the bytes, with 0 standing for null; a nullable number is a presence byte, then the
 * number; a list is its length, then its strings. About a third of the JSON's size, and read with no parser,
 * no field names and no per-field objects.
 */
final class EventBinary {

    /** First byte of every binary event. */
    static final byte MAGIC = 0;
    /** The layout version this class writes and reads. */
    static final int VERSION = 1;

    private static final ThreadLocal<Writer> WRITERS = ThreadLocal.withInitial(Writer::new);
    /** Recent strings of the threads that read with {@link #read(byte[], int, int)}. */
    private static final ThreadLocal<RepeatedStrings> STRINGS = ThreadLocal.withInitial(RepeatedStrings::new);

    private EventBinary() {
    }

    static byte[] write(NetworkEvent e) {
        return WRITERS.get().bytes(e);
    }

    /**
     * Second byte of a batch: several binary events in one record. Its high bit tells it from a single event's layout
     * version; the low bits are the batch layout's own version (1). A reader that knows only single events refuses it
     * as a layout it does not know.
     */
    static final int BATCH = 0x81;
    /** The most events one batch may hold (a reader refuses more). */
    static final int MAX_BATCH_EVENTS = 1 << 16;

    /** Whether these bytes are a batch of events (not one event, binary or JSON). */
    static boolean isBatch(byte[] b) {
        return b.length >= 2 && b[0] == MAGIC && (b[1] & 0xff) == BATCH;
    }

    /** A batch of binary events, each as {@link #write} writes one: magic, batch byte, count, then each length-prefixed. */
    static byte[] batch(List<byte[]> events) {
        if (events.isEmpty() || events.size() > MAX_BATCH_EVENTS) {
            throw new IllegalArgumentException("a batch holds 1 to " + MAX_BATCH_EVENTS + " events, not " + events.size());
        }
        Batches one = new Batches(1);
        for (byte[] e : events) {
            if (e.length < 2 || e[0] != MAGIC || (e[1] & 0xff) != VERSION) {
                throw new IllegalArgumentException("a batch holds binary events of layout " + VERSION + " only");
            }
            one.append(0, e, e.length);
        }
        return one.take(0);
    }

    /**
     * Open batches, one per slot (a partition), each event encoded by one writer and copied once into its slot's
     * buffer behind its length; {@link #take} puts the header before the events. Not thread-safe.
     */
    static final class Batches {
        /** Room before a slot's events for the header: magic, batch byte and a count of up to three bytes. */
        private static final int HEADER = 5;
        private final Writer writer = new Writer();
        private final byte[][] bufs;
        private final int[] sizes;
        private final int[] counts;

        Batches(int slots) {
            bufs = new byte[slots][];
            sizes = new int[slots];
            counts = new int[slots];
            for (int i = 0; i < slots; i++) {
                bufs[i] = new byte[4096];
                sizes[i] = HEADER;
            }
        }

        void add(int slot, NetworkEvent e) {
            writer.writeAlone(e);
            append(slot, writer.buf, writer.size);
        }

        /** Appends the first {@code n} bytes of {@code event} (one binary event) to the slot's batch. */
        void append(int slot, byte[] event, int n) {
            if (counts[slot] == MAX_BATCH_EVENTS) {
                throw new IllegalStateException("a batch holds at most " + MAX_BATCH_EVENTS + " events");
            }
            int at = sizes[slot];
            byte[] buf = bufs[slot];
            if (at + 10 + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, at + 10 + n));
                bufs[slot] = buf;
            }
            at = putVarint(buf, at, n);
            System.arraycopy(event, 0, buf, at, n);
            sizes[slot] = at + n;
            counts[slot]++;
        }

        int count(int slot) {
            return counts[slot];
        }

        /** Bytes the slot's batch holds so far. */
        int bytes(int slot) {
            return sizes[slot] - HEADER;
        }

        /** The slot's batch (at least one event), as {@link #batch} writes it; the slot starts a new one. */
        byte[] take(int slot) {
            if (counts[slot] == 0) {
                throw new IllegalStateException("an empty batch");
            }
            byte[] header = new byte[HEADER];
            int h = putVarint(header, 2, counts[slot]);
            int from = HEADER - h;
            byte[] buf = bufs[slot];
            System.arraycopy(header, 0, buf, from, h);
            buf[from] = MAGIC;
            buf[from + 1] = (byte) BATCH;
            byte[] out = Arrays.copyOfRange(buf, from, sizes[slot]);
            sizes[slot] = HEADER;
            counts[slot] = 0;
            return out;
        }
    }

    /**
     * Reads every event of a batch into {@code out}, as {@link #read(byte[], int, int, long, RepeatedStrings)} reads
     * one; {@code out} is left as it was when the batch is malformed.
     */
    static void readBatch(byte[] bytes, long mask, RepeatedStrings strings, List<NetworkEvent> out) {
        int before = out.size();
        try {
            Slices slices = new Slices(bytes);
            while (slices.next()) {
                out.add(read(bytes, slices.from, slices.length, mask, strings));
            }
        } catch (RuntimeException e) {
            out.subList(before, out.size()).clear();
            throw e;
        }
    }

    /** The bytes of event {@code index} (from 0) of a batch: one binary event, as {@link #write} writes it. */
    static byte[] eventOf(byte[] batch, int index) {
        Slices slices = new Slices(batch);
        for (int i = 0; slices.next(); i++) {
            if (i == index) {
                return Arrays.copyOfRange(batch, slices.from, slices.from + slices.length);
            }
        }
        throw new IllegalArgumentException("no event " + index + " in a batch of " + slices.count);
    }

    /** The events of a batch, one after another: where each starts and how long it is. */
    private static final class Slices {
        private final Reader r;
        final int count;
        private int seen;
        int from;
        int length;

        Slices(byte[] b) {
            r = new Reader(b, 0, b.length, 0, null);
            if (r.u8() != MAGIC || r.u8() != BATCH) {
                throw new IllegalArgumentException("not a batch of binary events");
            }
            long n = r.varint();
            if (n < 1 || n > MAX_BATCH_EVENTS) {
                throw new IllegalArgumentException("a batch of " + n + " events (1 to " + MAX_BATCH_EVENTS + " allowed)");
            }
            count = (int) n;
        }

        /** Moves to the next event; false (after checking nothing follows the last) when there is none. */
        boolean next() {
            if (seen == count) {
                if (r.pos != r.end) {
                    throw new IllegalArgumentException((r.end - r.pos) + " bytes after the batch's last event");
                }
                return false;
            }
            long len = r.varint();
            if (len > r.end - r.pos) {
                throw new IllegalArgumentException("event " + seen + " of the batch: " + len + " bytes past the end");
            }
            from = r.pos;
            length = (int) len;
            r.pos += length;
            seen++;
            return true;
        }
    }

    /** The text fields in the layout's order; a mask of {@link #read(byte[], int, int, long)} has one bit per field. */
    static final List<String> TEXT_FIELDS = List.of("host.name", "host.id", "host.os.type", "host.os.family",
            "host.os.name", "process.name", "process.executable", "process.entity_id", "user.name", "user.id",
            "source.ip", "destination.ip", "network.transport", "network.direction", "event.action", "event.category",
            "event.type", "event.module", "event.dataset", "ingest.source", "ingest.format");
    /** Every field. */
    static final long ALL = -1L;

    /** The mask that keeps these text fields (numbers and times are always read). */
    static long mask(java.util.Collection<String> fields) {
        long mask = 0;
        for (String f : fields) {
            int i = TEXT_FIELDS.indexOf(f);
            if (i < 0 && !NetworkEvent.hasField(f)) {
                throw new IllegalArgumentException("NetworkEvent has no field '" + f + "'");
            }
            mask |= i < 0 ? 0 : 1L << i;
        }
        return mask;
    }

    static NetworkEvent read(byte[] bytes, int off, int len) {
        return read(bytes, off, len, ALL, threadStrings());
    }

    /** The calling thread's table of recent strings, for reads that have none of their own. */
    static RepeatedStrings threadStrings() {
        return STRINGS.get();
    }

    /**
     * Reads an event, building only the text fields {@code mask} keeps: the others are checked and passed over and
     * come out null (lists empty). Repeated strings come from {@code strings}, which only this thread uses.
     */
    static NetworkEvent read(byte[] bytes, int off, int len, long mask, RepeatedStrings strings) {
        Reader r = new Reader(bytes, off, off + len, mask, strings);
        if (r.u8() != MAGIC) {
            throw new IllegalArgumentException("not a binary event");
        }
        int version = r.u8();
        if (version == BATCH) {
            throw new IllegalArgumentException("a batch of events, not one event (EventCodec.decodeAll reads it)");
        }
        if (version != VERSION) {
            throw new IllegalArgumentException("binary event layout " + version + " is not known (this build reads "
                    + VERSION + ")");
        }
        NetworkEvent e = r.event();
        if (r.pos != r.end) {
            throw new IllegalArgumentException((r.end - r.pos) + " bytes after the event");
        }
        return e;
    }

    /**
     * A growable buffer and the encoded bytes of recent strings: encoding allocates only the result. Not
     * thread-safe: one per writing thread.
     */
    static final class Writer {
        private static final int ENCODED = 1024;
        /**
         * More than an event writes between two calls of {@link #room}, which every string makes: a string's length,
         * the numbers of the time and the count, four optional numbers, two lists' lengths, two header bytes and a
         * presence byte, with varints of ten bytes at most.
         */
        private static final int FIXED_BYTES = 512;
        byte[] buf = new byte[512];
        int size;
        private final String[] recent = new String[ENCODED];
        private final byte[][] recentBytes = new byte[ENCODED][];

        /** The event's bytes. */
        byte[] bytes(NetworkEvent e) {
            size = 0;
            write(e);
            return Arrays.copyOf(buf, size);
        }

        /** Writes the event into {@link #buf} from 0; {@link #size} is its length. */
        void writeAlone(NetworkEvent e) {
            size = 0;
            write(e);
        }

        private void write(NetworkEvent e) {
            room(0);
            u8(MAGIC);
            u8(VERSION);
            varint(e.schemaVersion() & 0xffffffffL);
            varint(zigzag(e.timestamp().getEpochSecond()));
            varint(e.timestamp().getNano());
            string(e.host().name());
            string(e.host().id());
            string(e.host().os().type());
            string(e.host().os().family());
            string(e.host().os().name());
            string(e.process().name());
            string(e.process().executable());
            optional(e.process().pid());
            string(e.process().entityId());
            string(e.user().name());
            string(e.user().id());
            string(e.source().ip());
            optional(e.source().port() == null ? null : e.source().port().longValue());
            string(e.destination().ip());
            optional(e.destination().port() == null ? null : e.destination().port().longValue());
            string(e.network().transport());
            string(e.network().direction());
            string(e.event().action());
            strings(e.event().category());
            strings(e.event().type());
            string(e.event().module());
            string(e.event().dataset());
            varint(zigzag(e.count()));
            if (e.ingest() == null) {
                u8(0);
            } else {
                u8(1);
                string(e.ingest().source());
                string(e.ingest().format());
                optional(e.ingest().offset());
            }
        }

        /**
         * Makes room for {@code n} bytes of a string and, beyond them, for every byte an event writes outside its
         * strings, so {@link #u8} and {@link #varint} write without a check of their own.
         */
        private void room(int n) {
            if (size + n + FIXED_BYTES > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n + FIXED_BYTES));
            }
        }

        void u8(int b) {
            buf[size++] = (byte) b;
        }

        void varint(long v) {
            if (v >= 0 && v < 0x80) { // lengths of short strings, presence, small numbers: one byte
                buf[size++] = (byte) v;
                return;
            }
            size = putVarint(buf, size, v);
        }

        void optional(Long v) {
            if (v == null) {
                u8(0);
            } else {
                u8(1);
                varint(zigzag(v));
            }
        }

        void string(String s) {
            if (s == null) {
                room(0); // a list may hold any number of them
                varint(0);
                return;
            }
            byte[] utf8 = utf8(s);
            room(utf8.length);
            varint(utf8.length + 1L);
            System.arraycopy(utf8, 0, buf, size, utf8.length);
            size += utf8.length;
        }

        /**
         * The UTF-8 bytes of a string, kept for the last string of each slot: ingest hands out the same String for a
         * repeated value, so it is found by reference and encoded once.
         */
        private byte[] utf8(String s) {
            int n = s.length();
            // from the length and three characters, not the hash: a string built for this event has no hash yet
            int slot = n == 0 ? 0 : (n * 0x9E3779B1 + s.charAt(n - 1) * 0x85EBCA6B + s.charAt(n >> 1) * 31 + s.charAt(0))
                    >>> 22 & (ENCODED - 1);
            if (recent[slot] == s) {
                return recentBytes[slot];
            }
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            recent[slot] = s;
            recentBytes[slot] = utf8;
            return utf8;
        }

        void strings(List<String> values) {
            varint(values.size());
            for (String v : values) {
                string(v);
            }
        }
    }

    /** Writes {@code v} as an unsigned LEB128 varint at {@code at}; returns the position after it. */
    private static int putVarint(byte[] b, int at, long v) {
        while ((v & ~0x7fL) != 0) {
            b[at++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        b[at++] = (byte) v;
        return at;
    }

    private static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    private static final class Reader {
        final byte[] b;
        int pos;
        final int end;
        final long mask;
        final RepeatedStrings strings;
        /** Index in {@link #TEXT_FIELDS} of the next text field. */
        int field;

        Reader(byte[] b, int pos, int end, long mask, RepeatedStrings strings) {
            this.b = b;
            this.strings = strings;
            this.pos = pos;
            this.end = end;
            this.mask = mask;
        }

        NetworkEvent event() {
            int schemaVersion = (int) varint();
            long seconds = unzigzag(varint());
            long nanos = varint();
            if (nanos > 999_999_999L) {
                throw new IllegalArgumentException("nanoseconds out of range: " + nanos);
            }
            Instant timestamp = Instant.ofEpochSecond(seconds, nanos);
            String hostName = string();
            String hostId = string();
            NetworkEvent.Os os = new NetworkEvent.Os(string(), string(), string());
            NetworkEvent.Host host = new NetworkEvent.Host(hostName, hostId, os);
            NetworkEvent.Process process = new NetworkEvent.Process(string(), string(), optional(), string());
            NetworkEvent.User user = new NetworkEvent.User(string(), string());
            NetworkEvent.Endpoint source = new NetworkEvent.Endpoint(string(), port());
            NetworkEvent.Endpoint destination = new NetworkEvent.Endpoint(string(), port());
            NetworkEvent.Network network = new NetworkEvent.Network(string(), string());
            NetworkEvent.Event event = new NetworkEvent.Event(string(), strings(), strings(), string(), string());
            long count = unzigzag(varint());
            NetworkEvent.Provenance ingest = switch (u8()) {
                case 0 -> null;
                case 1 -> new NetworkEvent.Provenance(string(), string(), optional());
                default -> throw new IllegalArgumentException("bad presence byte for ingest");
            };
            return new NetworkEvent(schemaVersion, timestamp, host, process, user, source, destination, network, event,
                    count, ingest);
        }

        int u8() {
            if (pos >= end) {
                throw new IllegalArgumentException("truncated at byte " + pos);
            }
            return b[pos++] & 0xff;
        }

        long varint() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int x = u8();
                v |= (long) (x & 0x7f) << shift;
                if ((x & 0x80) == 0) {
                    return v;
                }
            }
            throw new IllegalArgumentException("varint longer than 10 bytes");
        }

        Long optional() {
            return switch (u8()) {
                case 0 -> null;
                case 1 -> unzigzag(varint());
                default -> throw new IllegalArgumentException("bad presence byte");
            };
        }

        Integer port() {
            Long v = optional();
            if (v == null) {
                return null;
            }
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("port out of range: " + v);
            }
            return v.intValue();
        }

        /** The next text field, or null when the mask leaves it out. */
        String string() {
            return text((mask >>> field++ & 1) != 0);
        }

        private String text(boolean build) {
            long n = varint();
            if (n == 0) {
                return null;
            }
            long len = n - 1;
            if (len > end - pos) {
                throw new IllegalArgumentException("string of " + len + " bytes past the end");
            }
            String s = build ? strings.of(b, pos, pos + (int) len) : null;
            pos += (int) len;
            return s;
        }

        /** The next list field, or an empty list when the mask leaves it out. */
        List<String> strings() {
            boolean build = (mask >>> field++ & 1) != 0;
            long n = varint();
            if (n > end - pos) {
                throw new IllegalArgumentException("list of " + n + " strings past the end");
            }
            List<String> out = new ArrayList<>(build ? (int) n : 0);
            for (int i = 0; i < n; i++) {
                String s = text(build);
                if (build) {
                    out.add(s);
                }
            }
            return out;
        }
    }
}
