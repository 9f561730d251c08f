package io.netrare.schema;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The strings of UTF-8 values read lately, by their bytes: a value seen before is handed out again instead of being
 * built anew (host, process and action names repeat in nearly every event). A fixed table, one value per slot (a new
 * value takes its slot over), so it never grows. A value is known by its length and its first and last eight bytes
 * (for values up to sixteen bytes that is all of them; longer ones compare their middle too), held in plain arrays
 * (the middles side by side in one), so neither the slot nor the match needs a pass over every byte or a pointer
 * to follow. Not thread-safe: one table per reader.
 */
public final class RepeatedStrings {

    private static final int SLOT_BITS = 12;
    /** Longer values are rarely repeated ones. */
    public static final int MAX_LENGTH = 96;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final int[] lengths = new int[1 << SLOT_BITS];
    private final long[] heads = new long[1 << SLOT_BITS];
    private final long[] tails = new long[1 << SLOT_BITS];
    /** The bytes between the first and last eight of values longer than sixteen bytes, a fixed stride per slot. */
    private static final int MIDDLE = MAX_LENGTH - 16;
    private final byte[] middles = new byte[(1 << SLOT_BITS) * MIDDLE];
    private final String[] strings = new String[1 << SLOT_BITS];

    /** The string of the UTF-8 bytes {@code [from, to)}. */
    public String of(byte[] b, int from, int to) {
        int len = to - from;
        if (len > MAX_LENGTH) {
            return new String(b, from, len, StandardCharsets.UTF_8);
        }
        long head;
        long tail;
        if (len >= 8) {
            head = word(b, from);
            tail = word(b, to - 8);
        } else {
            head = from + 8 <= b.length ? word(b, from) & ((1L << (len << 3)) - 1) : pack(b, from, len);
            tail = 0;
        }
        long h = (head * 0x9E3779B97F4A7C15L) ^ (tail * 0xC2B2AE3D27D4EB4FL) ^ len;
        int slot = (int) ((h ^ (h >>> 29)) * 0xBF58476D1CE4E5B9L >>> (64 - SLOT_BITS));
        String s = strings[slot];
        if (s != null && lengths[slot] == len && heads[slot] == head && tails[slot] == tail
                && (len <= 16 || sameMiddle(slot * MIDDLE, b, from + 8, len - 16))) {
            return s;
        }
        s = len == 0 ? "" : new String(b, from, len, StandardCharsets.UTF_8);
        strings[slot] = s;
        lengths[slot] = len;
        heads[slot] = head;
        tails[slot] = tail;
        if (len > 16) {
            System.arraycopy(b, from + 8, middles, slot * MIDDLE, len - 16);
        }
        return s;
    }

    /** Whether {@code n} bytes of a slot's middle equal {@code b} from {@code from}, eight at a time. */
    private boolean sameMiddle(int at, byte[] b, int from, int n) {
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            if (word(middles, at + i) != word(b, from + i)) {
                return false;
            }
        }
        for (; i < n; i++) {
            if (middles[at + i] != b[from + i]) {
                return false;
            }
        }
        return true;
    }

    /** The eight bytes from {@code at} as one little-endian long (the first byte lowest). */
    private static long word(byte[] b, int at) {
        return (long) LONGS.get(b, at);
    }

    /** Bytes {@code [from, from + n)} ({@code n} below 8) as the low bytes of a long, as {@link #word} orders them. */
    private static long pack(byte[] b, int from, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = (v << 8) | (b[from + i] & 0xFF);
        }
        return v;
    }
}
