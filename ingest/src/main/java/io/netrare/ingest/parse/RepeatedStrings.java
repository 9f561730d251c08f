package io.netrare.ingest.parse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The strings of ASCII values read lately, by their bytes: a value seen before is handed out again instead of
 * being built anew. A fixed table, one value per slot (a new value takes its slot over), so it never grows. A
 * value is known by its length and its first and last eight bytes (for values up to sixteen bytes that is all of
 * them; longer ones compare their middle too), so neither the slot nor the match needs a pass over every byte.
 * Not thread-safe.
 */
final class RepeatedStrings {

    private static final int SLOT_BITS = 12;
    /** Longer values are rarely repeated ones. */
    static final int MAX_LENGTH = 96;

    private final int[] lengths = new int[1 << SLOT_BITS];
    private final long[] heads = new long[1 << SLOT_BITS];
    private final long[] tails = new long[1 << SLOT_BITS];
    /** A value's bytes, kept only for values longer than sixteen bytes. */
    private final byte[][] middles = new byte[1 << SLOT_BITS][];
    private final String[] strings = new String[1 << SLOT_BITS];

    /** The string of ASCII bytes {@code [from, to)}. */
    String of(byte[] b, int from, int to) {
        int len = to - from;
        if (len > MAX_LENGTH) {
            return new String(b, from, len, StandardCharsets.ISO_8859_1);
        }
        long head;
        long tail;
        if (len >= 8) {
            head = JsonBytes.word(b, from);
            tail = JsonBytes.word(b, to - 8);
        } else {
            head = from + 8 <= b.length ? JsonBytes.word(b, from) & JsonBytes.lowBytes(len) : JsonBytes.pack(b, from, len);
            tail = 0;
        }
        long h = (head * 0x9E3779B97F4A7C15L) ^ (tail * 0xC2B2AE3D27D4EB4FL) ^ len;
        int slot = (int) ((h ^ (h >>> 29)) * 0xBF58476D1CE4E5B9L >>> (64 - SLOT_BITS));
        String s = strings[slot];
        if (s != null && lengths[slot] == len && heads[slot] == head && tails[slot] == tail
                && (len <= 16 || JsonBytes.sameBytes(middles[slot], 8, b, from + 8, len - 16))) {
            return s;
        }
        s = new String(b, from, len, StandardCharsets.ISO_8859_1);
        strings[slot] = s;
        lengths[slot] = len;
        heads[slot] = head;
        tails[slot] = tail;
        middles[slot] = len > 16 ? Arrays.copyOfRange(b, from, to) : null;
        return s;
    }
}
