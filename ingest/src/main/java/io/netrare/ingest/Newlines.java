package io.netrare.ingest;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Finds line ends in a byte buffer eight bytes at a time (a long compared with eight newlines at once). */
public final class Newlines {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH = 0x8080808080808080L;
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;

    private Newlines() {
    }

    /** The position of the first {@code '\n'} in {@code [from, end)}, or -1. */
    public static int next(byte[] b, int from, int end) {
        int i = from;
        while (i + 8 <= end) {
            long x = (long) LONGS.get(b, i) ^ NEWLINES;
            // the lowest byte that was a newline is the lowest flagged one (flags above it may be false)
            long hit = (x - ONES) & ~x & HIGH;
            if (hit != 0) {
                return i + (Long.numberOfTrailingZeros(hit) >>> 3);
            }
            i += 8;
        }
        for (; i < end; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
