package io.netrare.ingest.parse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte-level pieces of the ECS reader: finding the end of a JSON string eight bytes at a time, and
 * decoding a string that holds escapes or multi-byte UTF-8 (already checked by the reader).
 */
final class JsonBytes {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH = 0x8080808080808080L;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
    private static final long SPACES = 0x2020202020202020L;

    private JsonBytes() {
    }

    /**
     * The first position from {@code from} (before {@code end}) whose byte may end or complicate a string: a
     * quote, a backslash, a control character or a byte of a multi-byte character; {@code end} if none.
     * Ordinary bytes are passed eight at a time, and the word that holds such a byte gives its position at once.
     */
    static int plainRun(byte[] b, int from, int end) {
        int i = from;
        while (i + 8 <= end) {
            long v = (long) LONGS.get(b, i);
            long q = v ^ QUOTES;
            long s = v ^ BACKSLASHES;
            // a zero byte in q or s, a byte below 0x20, or a byte with its high bit set. Subtracting sets a byte's
            // high bit when the byte was a hit (0 in q or s, below 0x20 in v) or had its high bit set already (a
            // hit too, by v): no test needs "and not the byte itself". A borrow runs upwards only from a byte that
            // is a hit, so a false flag lies above a true one and the lowest flag is the first hit.
            long hits = ((q - ONES) | (s - ONES) | (v - SPACES) | v) & HIGH;
            if (hits != 0) {
                return i + (Long.numberOfTrailingZeros(hits) >>> 3);
            }
            i += 8;
        }
        while (i < end) {
            int c = b[i];
            if (c == '"' || c == '\\' || c < 0x20) { // negative: a multi-byte character's byte
                return i;
            }
            i++;
        }
        return end;
    }

    /**
     * Flags (the high bit of a byte) over the bytes of a word that are not ASCII digits; exact, no false flag, so
     * the lowest one is the first byte that is not a digit. Each byte is taken below 0x80 first, so adding to it
     * cannot carry into the next byte: {@code + 0x50} reaches 0x80 from '0' up, {@code + 0x46} from ':' up.
     */
    static long nonDigits(long v) {
        long t = v & ~HIGH;
        return (~(t + 0x5050505050505050L) | (t + 0x4646464646464646L) | v) & HIGH;
    }

    /** The eight bytes from {@code at} as one little-endian long (the first byte lowest). */
    static long word(byte[] b, int at) {
        return (long) LONGS.get(b, at);
    }

    /** Ones over the lowest {@code n} bytes of a long ({@code n} in 0..8). */
    static long lowBytes(int n) {
        return n >= 8 ? -1L : (1L << (n << 3)) - 1;
    }

    /** Bytes {@code [from, from + n)} ({@code n} at most 8) as the low bytes of a long, as {@link #word} orders them. */
    static long pack(byte[] b, int from, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = (v << 8) | (b[from + i] & 0xFF);
        }
        return v;
    }

    /** Whether {@code len} bytes from {@code a[aFrom]} and {@code b[bFrom]} are equal, eight at a time. */
    static boolean sameBytes(byte[] a, int aFrom, byte[] b, int bFrom, int len) {
        if (len < 8) {
            for (int i = 0; i < len; i++) {
                if (a[aFrom + i] != b[bFrom + i]) {
                    return false;
                }
            }
            return true;
        }
        int last = len - 8;
        for (int i = 0; i < last; i += 8) {
            if ((long) LONGS.get(a, aFrom + i) != (long) LONGS.get(b, bFrom + i)) {
                return false;
            }
        }
        return (long) LONGS.get(a, aFrom + last) == (long) LONGS.get(b, bFrom + last);
    }

    /** Text of a string's bytes between its quotes, already checked by the reader (escapes, UTF-8). */
    static String decode(byte[] b, int from, int to) {
        char[] out = new char[to - from]; // never more chars than bytes
        int n = 0;
        int i = from;
        while (i < to) {
            int c = b[i++] & 0xFF;
            if (c == '\\') {
                c = b[i++];
                switch (c) {
                    case 'b' -> c = '\b';
                    case 't' -> c = '\t';
                    case 'n' -> c = '\n';
                    case 'f' -> c = '\f';
                    case 'r' -> c = '\r';
                    case 'u' -> {
                        c = (Character.digit(b[i], 16) << 12) | (Character.digit(b[i + 1], 16) << 8)
                                | (Character.digit(b[i + 2], 16) << 4) | Character.digit(b[i + 3], 16);
                        i += 4;
                    }
                    default -> {
                        // '"', '\\' and '/' stand for themselves
                    }
                }
                out[n++] = (char) c;
            } else if (c < 0x80) {
                out[n++] = (char) c;
            } else if ((c & 0xE0) == 0xC0) {
                out[n++] = (char) (((c & 0x1F) << 6) | (b[i++] & 0x3F));
            } else if ((c & 0xF0) == 0xE0) {
                out[n++] = (char) (((c & 0x0F) << 12) | ((b[i] & 0x3F) << 6) | (b[i + 1] & 0x3F));
                i += 2;
            } else { // four bytes: a surrogate pair, formed as Jackson forms it
                int v = (((c & 0x07) << 18) | ((b[i] & 0x3F) << 12) | ((b[i + 1] & 0x3F) << 6) | (b[i + 2] & 0x3F))
                        - 0x10000;
                i += 3;
                out[n++] = (char) (0xD800 | (v >> 10));
                out[n++] = (char) (0xDC00 | (v & 0x3FF));
            }
        }
        return new String(out, 0, n);
    }

    /** How many bytes Jackson holds for a field name: raw bytes as they are, each escape re-encoded as UTF-8. */
    static int nameBytes(byte[] b, int from, int to) {
        int n = 0;
        int i = from;
        while (i < to) {
            int c = b[i++];
            if (c != '\\') {
                n++;
                continue;
            }
            c = b[i++];
            if (c == 'u') {
                c = (Character.digit(b[i], 16) << 12) | (Character.digit(b[i + 1], 16) << 8)
                        | (Character.digit(b[i + 2], 16) << 4) | Character.digit(b[i + 3], 16);
                i += 4;
            }
            n += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        }
        return n;
    }
}
