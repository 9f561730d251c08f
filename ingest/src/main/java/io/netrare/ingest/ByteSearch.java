package io.netrare.ingest;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Finds a byte (a line end, the first byte of a marker) in a buffer eight bytes at a time. */
public final class ByteSearch {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH = 0x8080808080808080L;

    private ByteSearch() {
    }

    /** The position of the first {@code '\n'} in {@code [from, end)}, or -1. */
    public static int newline(byte[] b, int from, int end) {
        return indexOf(b, from, end, (byte) '\n');
    }

    /** The position of the first {@code value} in {@code [from, end)}, or -1. */
    public static int indexOf(byte[] b, int from, int end, byte value) {
        long pattern = (value & 0xFFL) * ONES;
        int i = from;
        while (i + 8 <= end) {
            long x = (long) LONGS.get(b, i) ^ pattern;
            // a long compared with eight copies of the byte: the lowest zero byte is the lowest flagged one
            // (flags above it may be false)
            long hit = (x - ONES) & ~x & HIGH;
            if (hit != 0) {
                return i + (Long.numberOfTrailingZeros(hit) >>> 3);
            }
            i += 8;
        }
        for (; i < end; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }

    /** The position of the first occurrence of {@code needle} in {@code [from, end)}, or -1. */
    public static int indexOf(byte[] b, int from, int end, byte[] needle) {
        int last = end - needle.length;
        int i = from;
        while (i <= last) {
            i = indexOf(b, i, last + 1, needle[0]);
            if (i < 0) {
                return -1;
            }
            int k = 1;
            while (k < needle.length && b[i + k] == needle[k]) {
                k++;
            }
            if (k == needle.length) {
                return i;
            }
            i++;
        }
        return -1;
    }
}
