package io.netrare.ingest.parse;

import io.netrare.ingest.IpAddresses;
import io.netrare.schema.RepeatedStrings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The few fields ingest needs from an ECS document ({@link EcsField}), read straight from its UTF-8 bytes.
 * Nested objects and dotted keys ({@code "host.os.type"}, or {@code "host": {"os.type": ...}}) give the same
 * field; of duplicate keys the last value wins, and a null leaves an earlier value in place.
 *
 * <p>The whole document is checked as strict JSON, with the rules of the Jackson parser this reader replaced:
 * nesting at most {@value #MAX_DEPTH} deep, numbers of at most {@value #MAX_NUMBER_LENGTH} digits, names of at
 * most {@value #MAX_NAME_BYTES} bytes, UTF-8 checked byte by byte (see {@link JsonBytes}), a UTF-8 byte order
 * mark skipped. But only the values of wanted fields become Java strings, and only when asked for: everything
 * else is passed over without building a token. One instance is read again and again (not thread-safe);
 * values can be asked for until {@link #release}.
 */
final class EcsDocument {

    static final int MAX_DEPTH = 64;
    static final int MAX_NUMBER_LENGTH = 64;
    static final int MAX_NAME_BYTES = 50_000;
    static final int MAX_STRING_CHARS = 20_000_000;

    /**
     * Field value kinds: absent; text as it stands (ASCII without escapes, number, boolean); to decode; list (in
     * {@link #lastLists}); a string so long that it was built and checked while reading (in {@link #built}).
     */
    private static final byte ABSENT = 0;
    private static final byte PLAIN = 1;
    private static final byte ESCAPED = 2;
    private static final byte LIST = 3;
    private static final byte BUILT = 4;

    private static final int FIELDS = EcsField.values().length;
    private static final byte[] AUDITD = "auditd".getBytes(StandardCharsets.US_ASCII);
    private static final long AUDITD_WORD = JsonBytes.pack(AUDITD, 0, AUDITD.length);
    private static final long AUDITD_MASK = JsonBytes.lowBytes(AUDITD.length);

    private final byte[] kinds = new byte[FIELDS];
    private final int[] starts = new int[FIELDS];
    private final int[] ends = new int[FIELDS];
    /*
     * The arrays below live as long as the reader, so the collector's barrier on storing a reference into them is
     * paid on every store: a document's values are not stored there (get builds them when asked for), a list only
     * when it differs from the field's last one, and the elements of a list only from its third one on.
     */
    /** A field's String when its kind is BUILT. */
    private final String[] built = new String[FIELDS];
    /**
     * Each field's last list, which is the document's list when the kind is LIST; handed out again while documents
     * have the same one (lists are immutable).
     */
    private final Object[] lastLists = new Object[FIELDS];
    /** The elements of a list with more than two. */
    private final List<String> listScratch = new ArrayList<>();
    private final RepeatedStrings repeated = new RepeatedStrings();
    private boolean hasAuditd;

    private byte[] buf;
    private int origin;
    private int pos;
    private int end;

    /** Thrown for input that is not one well-formed JSON object; no stack trace, the message says where. */
    static final class MalformedJsonException extends IOException {
        MalformedJsonException(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    /**
     * Reads one JSON object, forgetting the previous one.
     *
     * @throws MalformedJsonException when the bytes are not exactly one well-formed JSON object
     */
    void read(byte[] bytes, int off, int len) throws MalformedJsonException {
        Arrays.fill(kinds, ABSENT); // the values of absent fields are never read: not cleared
        hasAuditd = false;
        buf = bytes;
        origin = off;
        pos = off;
        end = off + len;
        if (len >= 3 && bytes[off] == (byte) 0xEF && bytes[off + 1] == (byte) 0xBB && bytes[off + 2] == (byte) 0xBF) {
            pos += 3; // a UTF-8 byte order mark
        }
        if (peek() != '{') {
            throw error("not a JSON object");
        }
        pos++;
        readObject(FieldTrie.ROOT, 1);
        if (peek() >= 0) {
            throw error("content after the JSON object");
        }
    }

    /** Drops the reference to the input bytes; text values can no longer be asked for. */
    void release() {
        buf = null;
    }

    /** A scalar field (the first element when the document has an array there). */
    String get(EcsField field) {
        int f = field.ordinal();
        switch (kinds[f]) {
            case ABSENT:
                return null;
            case LIST: {
                List<?> list = (List<?>) lastLists[f];
                return list.isEmpty() ? null : (String) list.get(0);
            }
            case BUILT:
                return built[f];
            default:
                return text(field, kinds[f], starts[f], ends[f]);
        }
    }

    /**
     * A scalar text field in the common {@code yyyy-MM-ddTHH:mm:ss[.f]Z} shape read straight from the bytes
     * ({@link Fields#fastIso}); null for any other value, which {@link #get} then gives as text.
     */
    Instant isoInstant(EcsField field) {
        int f = field.ordinal();
        return kinds[f] == PLAIN && buf != null ? Fields.fastIso(buf, starts[f], ends[f]) : null;
    }

    /**
     * A scalar field as {@link Fields#parseLong} reads its text, without building the text when the value is a
     * plain run of at most 18 digits (with a '-' before them or not), which cannot overflow a long.
     */
    Long longValue(EcsField field) {
        long v = plainLong(field.ordinal());
        return v != NOT_PLAIN ? Long.valueOf(v) : Fields.parseLong(get(field));
    }

    /** A port field as {@link Fields#port} reads its text. */
    Integer port(EcsField field) {
        long v = plainLong(field.ordinal());
        if (v == NOT_PLAIN) {
            return Fields.port(get(field));
        }
        return v < 0 || v > 65535 ? null : Integer.valueOf((int) v);
    }

    /** What {@link #plainLong} gives for a value that is not a plain run of digits (no such value reaches it). */
    private static final long NOT_PLAIN = Long.MIN_VALUE;

    /** The value of field {@code f} when its text is at most 18 digits, with a '-' before them or not; else NOT_PLAIN. */
    private long plainLong(int f) {
        if (kinds[f] != PLAIN || buf == null) {
            return NOT_PLAIN;
        }
        int from = starts[f];
        int to = ends[f];
        boolean negative = from < to && buf[from] == '-';
        int i = negative ? from + 1 : from;
        if (i >= to || to - i > 18) {
            return NOT_PLAIN;
        }
        long v = 0;
        for (; i < to; i++) {
            int d = buf[i] - '0';
            if (d < 0 || d > 9) {
                return NOT_PLAIN;
            }
            v = v * 10 + d;
        }
        return negative ? -v : v;
    }

    /**
     * An IP field in canonical form, as {@link Fields#ip} gives it from the text; a value that is already a
     * canonical IPv4 address is checked on its bytes and handed out as it stands.
     *
     * @throws IllegalArgumentException when the value is present but not an IP address
     */
    String ip(EcsField field) {
        int f = field.ordinal();
        if (kinds[f] == PLAIN && buf != null && IpAddresses.isCanonicalV4(buf, starts[f], ends[f])) {
            return get(field);
        }
        return Fields.ip(field.path, get(field));
    }

    /** A keyword-array field (ECS lets a single value stand for a one-element array). */
    List<String> list(EcsField field) {
        int f = field.ordinal();
        if (kinds[f] == ABSENT) {
            return List.of();
        }
        if (kinds[f] == LIST) {
            @SuppressWarnings("unchecked")
            List<String> list = (List<String>) lastLists[f];
            return list;
        }
        return List.of(get(field));
    }

    /** True when the document has a top-level {@code auditd} object or {@code auditd.*} key. */
    boolean hasAuditd() {
        return hasAuditd;
    }

    private String text(EcsField field, byte kind, int from, int to) {
        if (buf == null) {
            throw new IllegalStateException("the document was released");
        }
        if (kind != PLAIN) {
            return JsonBytes.decode(buf, from, to);
        }
        return field.repeats ? repeated.of(buf, from, to) : new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
    }

    // ---- the walk: pos is always at the next byte not yet read

    /** The next byte that is not white space (not consumed), or -1 at the end. */
    private int peek() throws MalformedJsonException {
        while (pos < end) {
            int c = buf[pos] & 0xFF;
            if (c > ' ') {
                return c;
            }
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                throw error("control character 0x" + Integer.toHexString(c) + " outside a string");
            }
            pos++;
        }
        return -1;
    }

    /** The members of an object whose '{' was read; {@code node} says which of its keys are wanted. */
    private void readObject(FieldTrie.Node node, int depth) throws MalformedJsonException {
        int c = peek();
        if (c == '}') {
            pos++;
            return;
        }
        while (true) {
            if (c != '"') {
                throw error(c < 0 ? "unterminated object" : "expected a field name in double quotes");
            }
            int from = ++pos;
            boolean escaped = string(true);
            int to = pos - 1;
            if (to - from > MAX_NAME_BYTES && JsonBytes.nameBytes(buf, from, to) > MAX_NAME_BYTES) {
                throw error("field name longer than " + MAX_NAME_BYTES + " bytes");
            }
            FieldTrie.Node child = node == null ? null : key(node, from, to, escaped);
            if (peek() != ':') {
                throw error("expected ':' after a field name");
            }
            pos++;
            value(child, depth);
            c = peek();
            if (c == ',') {
                pos++;
                c = peek();
            } else if (c == '}') {
                pos++;
                return;
            } else {
                throw error(c < 0 ? "unterminated object" : "expected ',' or '}' after a value");
            }
        }
    }

    /** The wanted node a key leads to, or null; notes a top-level auditd key. */
    private FieldTrie.Node key(FieldTrie.Node node, int from, int to, boolean escaped) {
        if (escaped) {
            String name = JsonBytes.decode(buf, from, to);
            if (node == FieldTrie.ROOT && (name.equals("auditd") || name.startsWith("auditd."))) {
                hasAuditd = true;
            }
            return node.find(name);
        }
        if (node == FieldTrie.ROOT && to - from >= 6 && startsWithAuditd(from)
                && (to - from == 6 || buf[from + 6] == '.')) {
            hasAuditd = true;
        }
        return node.find(buf, from, to);
    }

    /** Whether the six bytes from {@code from} (all in the input) are {@code auditd}. */
    private boolean startsWithAuditd(int from) {
        if (from + 8 <= buf.length) {
            return (JsonBytes.word(buf, from) & AUDITD_MASK) == AUDITD_WORD;
        }
        return Arrays.equals(buf, from, from + AUDITD.length, AUDITD, 0, AUDITD.length);
    }

    /** One member's value; kept when {@code node} is a wanted field, walked into when it holds wanted keys. */
    private void value(FieldTrie.Node node, int depth) throws MalformedJsonException {
        int c = peek();
        int from = pos;
        switch (c) {
            case '{' -> {
                pos++;
                nest(depth);
                readObject(node != null && node.hasChildren() ? node : null, depth + 1);
            }
            case '[' -> {
                pos++;
                nest(depth);
                if (node != null && node.field != null) {
                    readList(node.field, depth + 1);
                } else {
                    skipArray(depth + 1);
                }
            }
            case '"' -> {
                pos++;
                boolean escaped = string(false);
                if (node != null && node.field != null) {
                    keep(node.field, escaped ? ESCAPED : PLAIN, from + 1, pos - 1);
                }
            }
            case 'n' -> literal("null");
            default -> {
                scalar(c);
                if (node != null && node.field != null) {
                    keep(node.field, PLAIN, from, pos);
                }
            }
        }
    }

    private void keep(EcsField field, byte kind, int from, int to) throws MalformedJsonException {
        int f = field.ordinal();
        kinds[f] = kind;
        starts[f] = from;
        ends[f] = to;
        if (to - from > MAX_STRING_CHARS) {
            String s = text(field, kind, from, to);
            checkLength(s);
            built[f] = s;
            kinds[f] = BUILT;
        }
    }

    private void checkLength(String s) throws MalformedJsonException {
        if (s.length() > MAX_STRING_CHARS) {
            throw error("string longer than " + MAX_STRING_CHARS + " characters");
        }
    }

    /** A wanted field's array: its scalars in order (nulls and nested objects or arrays left out), immutable. */
    @SuppressWarnings("unchecked")
    private void readList(EcsField field, int depth) throws MalformedJsonException {
        List<String> more = listScratch; // used from the third element on
        int n = 0;
        String first = null;
        String second = null;
        int c = peek();
        if (c == ']') {
            pos++;
        } else {
            while (true) {
                int from = pos;
                switch (c) {
                    case '{', '[' -> skipValue(depth);
                    case 'n' -> literal("null");
                    case '"' -> {
                        pos++;
                        boolean escaped = string(false);
                        String s = text(field, escaped ? ESCAPED : PLAIN, from + 1, pos - 1);
                        checkLength(s);
                        n = add(n, s, first, second);
                        first = n == 1 ? s : first;
                        second = n == 2 ? s : second;
                    }
                    default -> {
                        scalar(c);
                        String s = text(field, PLAIN, from, pos);
                        n = add(n, s, first, second);
                        first = n == 1 ? s : first;
                        second = n == 2 ? s : second;
                    }
                }
                if (!endOfElement()) {
                    break;
                }
                c = peek();
            }
        }
        int f = field.ordinal();
        List<String> last = (List<String>) lastLists[f];
        if (last == null || !sameElements(last, n, first, second, more)) {
            lastLists[f] = n == 0 ? List.of() : n == 1 ? List.of(first) : n == 2 ? List.of(first, second) : List.copyOf(more);
        }
        kinds[f] = LIST;
    }

    /**
     * Counts a list's next element; the first two are kept by the caller, and when a third comes all go to
     * {@link #listScratch}. Returns the new count.
     */
    private int add(int n, String s, String first, String second) {
        if (n == 2) {
            listScratch.clear();
            listScratch.add(first);
            listScratch.add(second);
        }
        if (n >= 2) {
            listScratch.add(s);
        }
        return n + 1;
    }

    /**
     * Whether a list holds the {@code n} strings read, in order: {@code first} and {@code second}, or those of
     * {@code more} when there are more than two. Mostly the same instances (see {@link RepeatedStrings}).
     */
    private static boolean sameElements(List<String> a, int n, String first, String second, List<String> more) {
        if (a.size() != n) {
            return false;
        }
        if (n > 2) {
            for (int i = 0; i < n; i++) {
                if (!same(a.get(i), more.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return (n < 1 || same(a.get(0), first)) && (n < 2 || same(a.get(1), second));
    }

    private static boolean same(String x, String y) {
        return x == y || x.equals(y);
    }

    /** After an array element: true when another follows (its ',' read), false at the ']' (read). */
    private boolean endOfElement() throws MalformedJsonException {
        int c = peek();
        if (c == ',') {
            pos++;
            return true;
        }
        if (c == ']') {
            pos++;
            return false;
        }
        throw error(c < 0 ? "unterminated array" : "expected ',' or ']' after an array element");
    }

    /** Any value, checked and passed over. */
    private void skipValue(int depth) throws MalformedJsonException {
        int c = peek();
        switch (c) {
            case '{' -> {
                pos++;
                nest(depth);
                readObject(null, depth + 1);
            }
            case '[' -> {
                pos++;
                nest(depth);
                skipArray(depth + 1);
            }
            case '"' -> {
                pos++;
                string(false);
            }
            case 'n' -> literal("null");
            default -> scalar(c);
        }
    }

    /** {@code true}, {@code false} or a number, starting with {@code c}, checked and passed over. */
    private void scalar(int c) throws MalformedJsonException {
        if (c == 't') {
            literal("true");
        } else if (c == 'f') {
            literal("false");
        } else {
            number(c);
        }
    }

    private void skipArray(int depth) throws MalformedJsonException {
        if (peek() == ']') {
            pos++;
            return;
        }
        do {
            skipValue(depth);
        } while (endOfElement());
    }

    private void nest(int depth) throws MalformedJsonException {
        if (depth + 1 > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH);
        }
    }

    /**
     * The rest of a string whose opening quote was read: checks escapes, control characters and UTF-8 (well-formed
     * sequences only, as Jackson checks them), and leaves pos after the closing quote. True when the string holds
     * an escape or a multi-byte character. In a field name, an escaped surrogate must be half of an escaped pair.
     */
    private boolean string(boolean name) throws MalformedJsonException {
        boolean escaped = false;
        while (true) {
            pos = JsonBytes.plainRun(buf, pos, end);
            if (pos >= end) {
                throw error("unterminated string");
            }
            int c = buf[pos++] & 0xFF;
            if (c == '"') {
                return escaped;
            }
            escaped = true;
            if (c == '\\') {
                int v = escape();
                if (name && v >= 0xD800 && v <= 0xDFFF) {
                    surrogatePair(v);
                }
            } else if (c < 0x20) {
                pos--;
                throw error("control character 0x" + Integer.toHexString(c) + " in a string");
            } else {
                utf8(c);
            }
        }
    }

    /** The continuation bytes of a multi-byte UTF-8 character whose lead byte was read. */
    private void utf8(int lead) throws MalformedJsonException {
        int more;
        int low = 0x80;
        int high = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            more = 1;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            more = 2;
            low = lead == 0xE0 ? 0xA0 : 0x80; // no overlong form
            high = lead == 0xED ? 0x9F : 0xBF; // no surrogate
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            more = 3;
            low = lead == 0xF0 ? 0x90 : 0x80; // no overlong form
            high = lead == 0xF4 ? 0x8F : 0xBF; // nothing beyond U+10FFFF
        } else {
            pos--;
            throw error("invalid UTF-8 byte 0x" + Integer.toHexString(lead));
        }
        for (; more > 0; more--) {
            int c = pos < end ? buf[pos] & 0xFF : -1;
            if (c < low || c > high) {
                throw error("invalid UTF-8 sequence");
            }
            pos++;
            low = 0x80;
            high = 0xBF;
        }
    }

    /** After an escaped surrogate in a field name: it must be a high one, and an escaped low one must follow. */
    private void surrogatePair(int first) throws MalformedJsonException {
        if (first >= 0xDC00) {
            throw error("unexpected low surrogate in a field name");
        }
        if (pos >= end || buf[pos] != '\\') {
            throw error("broken surrogate pair in a field name");
        }
        pos++;
        int second = escape();
        if (second < 0xDC00 || second > 0xDFFF) {
            throw error("broken surrogate pair in a field name");
        }
    }

    /** An escape whose backslash was read; returns the character it stands for. */
    private int escape() throws MalformedJsonException {
        if (pos >= end) {
            throw error("unterminated escape");
        }
        int c = buf[pos++];
        switch (c) {
            case '"', '\\', '/' -> {
                return c;
            }
            case 'b' -> {
                return '\b';
            }
            case 'f' -> {
                return '\f';
            }
            case 'n' -> {
                return '\n';
            }
            case 'r' -> {
                return '\r';
            }
            case 't' -> {
                return '\t';
            }
            case 'u' -> {
                int v = 0;
                for (int k = 0; k < 4; k++) {
                    int d = pos < end ? Character.digit(buf[pos], 16) : -1;
                    if (d < 0) {
                        throw error("expected four hex digits after \\u");
                    }
                    v = (v << 4) | d;
                    pos++;
                }
                return v;
            }
            default -> {
                pos--;
                throw error("unknown escape");
            }
        }
    }

    private void literal(String word) throws MalformedJsonException {
        int n = word.length();
        if (end - pos < n) {
            throw error("unrecognized token");
        }
        for (int k = 0; k < n; k++) {
            if (buf[pos + k] != word.charAt(k)) {
                throw error("unrecognized token");
            }
        }
        pos += n;
    }

    /** A number as JSON writes it (no leading zeros, no '+', digits after '.' and 'e'). */
    private void number(int first) throws MalformedJsonException {
        if (first < 0) {
            throw error("unexpected end of input");
        }
        if (first == '-') {
            pos++;
        }
        int intLen = digits();
        if (intLen == 0) {
            throw error(first == '-' ? "expected a digit after '-'" : "unexpected character");
        }
        if (intLen > 1 && buf[pos - intLen] == '0') {
            throw error("leading zeros in a number");
        }
        int fractionLen = 0;
        int exponentLen = 0;
        if (pos < end && buf[pos] == '.') {
            pos++;
            fractionLen = digits();
            if (fractionLen == 0) {
                throw error("expected a digit after the decimal point");
            }
        }
        if (pos < end && (buf[pos] | 0x20) == 'e') {
            pos++;
            if (pos < end && (buf[pos] == '+' || buf[pos] == '-')) {
                pos++;
            }
            exponentLen = digits();
            if (exponentLen == 0) {
                throw error("expected a digit in the exponent");
            }
        }
        if (intLen + fractionLen + exponentLen > MAX_NUMBER_LENGTH) {
            throw error("number longer than " + MAX_NUMBER_LENGTH + " digits");
        }
    }

    /** Passes over a run of digits, eight bytes at a time; returns its length. */
    private int digits() {
        int from = pos;
        int p = from;
        while (p + 8 <= end) {
            long stop = JsonBytes.nonDigits(JsonBytes.word(buf, p));
            if (stop != 0) {
                pos = p + (Long.numberOfTrailingZeros(stop) >>> 3);
                return pos - from;
            }
            p += 8;
        }
        while (p < end && buf[p] >= '0' && buf[p] <= '9') {
            p++;
        }
        pos = p;
        return p - from;
    }

    private MalformedJsonException error(String what) {
        return new MalformedJsonException(what + " at byte " + (pos - origin));
    }
}
