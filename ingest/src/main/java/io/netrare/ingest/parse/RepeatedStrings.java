package io.netrare.ingest.parse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The strings of ASCII values read lately, by their bytes: a value seen before is handed out again instead of
 * being built anew. A fixed table, one value per slot (a new value takes its slot over), so it never grows; the
 * slot comes from the length and the first and last eight bytes, without a pass over every byte. Not thread-safe.
 */
final class RepeatedStrings {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int SLOT_BITS = 12;
    /** Longer values are rarely repeated ones. */
    static final int MAX_LENGTH = 96;

    private final byte[][] keys = new byte[1 << SLOT_BITS][];
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
            head = (long) LONGS.get(b, from);
            tail = (long) LONGS.get(b, to - 8);
        } else {
            head = 0;
            for (int i = from; i < to; i++) {
                head = (head << 8) | (b[i] & 0xFF);
            }
            tail = 0;
        }
        long h = (head * 0x9E3779B97F4A7C15L) ^ (tail * 0xC2B2AE3D27D4EB4FL) ^ len;
        int slot = (int) ((h ^ (h >>> 29)) * 0xBF58476D1CE4E5B9L >>> (64 - SLOT_BITS));
        byte[] key = keys[slot];
        if (key != null && key.length == len && JsonBytes.sameBytes(key, 0, b, from, len)) {
            return strings[slot];
        }
        String s = new String(b, from, len, StandardCharsets.ISO_8859_1);
        keys[slot] = Arrays.copyOfRange(b, from, to);
        strings[slot] = s;
        return s;
    }
}
