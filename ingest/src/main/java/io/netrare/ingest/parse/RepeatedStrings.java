package io.netrare.ingest.parse;

import java.nio.charset.StandardCharsets;

/**
 * The strings of ASCII values read lately, by their bytes: a value seen before is handed out again instead of
 * being built anew. A fixed table, one string per slot (a new value takes its slot over), so it never grows.
 * Not thread-safe.
 */
final class RepeatedStrings {

    private static final int SLOTS = 1 << 12;
    /** Longer values are rarely repeated ones. */
    static final int MAX_LENGTH = 96;

    private final String[] slots = new String[SLOTS];

    /** The string of ASCII bytes {@code [from, to)}. */
    String of(byte[] b, int from, int to) {
        int len = to - from;
        if (len > MAX_LENGTH) {
            return new String(b, from, len, StandardCharsets.ISO_8859_1);
        }
        int h = len;
        for (int i = from; i < to; i++) {
            h = 31 * h + b[i];
        }
        int slot = (h ^ (h >>> 15)) & (SLOTS - 1);
        String s = slots[slot];
        if (s != null && s.length() == len && sameChars(s, b, from)) {
            return s;
        }
        s = new String(b, from, len, StandardCharsets.ISO_8859_1);
        slots[slot] = s;
        return s;
    }

    private static boolean sameChars(String s, byte[] b, int from) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (s.charAt(i) != b[from + i]) {
                return false;
            }
        }
        return true;
    }
}
