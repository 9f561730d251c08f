package io.netrare.runtime.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A number of bytes, written in config as {@code 512}, {@code 64kb}, {@code 64mb}, {@code 1gb} (binary
 * multiples: 1kb = 1024 bytes; {@code k}, {@code kib}, {@code m}, {@code mib}... are accepted too).
 *
 * @param bytes the size in bytes, never negative
 */
public record DataSize(long bytes) {

    private static final Pattern FORMAT = Pattern.compile("(\\d+)\\s*([a-z]*)");

    public DataSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("data size must not be negative: " + bytes);
        }
    }

    public static DataSize ofBytes(long bytes) {
        return new DataSize(bytes);
    }

    public static DataSize ofKilobytes(long kb) {
        return new DataSize(Math.multiplyExact(kb, 1024L));
    }

    public static DataSize ofMegabytes(long mb) {
        return new DataSize(Math.multiplyExact(mb, 1024L * 1024));
    }

    /** Parses {@code 64mb}-style text; throws {@link IllegalArgumentException} with the accepted forms. */
    public static DataSize parse(String text) {
        Matcher m = FORMAT.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a data size (e.g. 512, 64kb, 64mb, 1gb)");
        }
        long n = Long.parseLong(m.group(1));
        long unit = switch (m.group(2)) {
            case "", "b" -> 1L;
            case "k", "kb", "kib" -> 1024L;
            case "m", "mb", "mib" -> 1024L * 1024;
            case "g", "gb", "gib" -> 1024L * 1024 * 1024;
            case "t", "tb", "tib" -> 1024L * 1024 * 1024 * 1024;
            default -> throw new IllegalArgumentException("'" + text + "' has an unknown unit '" + m.group(2)
                    + "' (use b, kb, mb, gb, tb)");
        };
        return new DataSize(Math.multiplyExact(n, unit));
    }

    /** The shortest exact form: {@code 64mb}, {@code 1536kb}, {@code 7b}. */
    @Override
    public String toString() {
        String[] units = {"b", "kb", "mb", "gb", "tb"};
        long value = bytes;
        int i = 0;
        while (i < units.length - 1 && value != 0 && value % 1024 == 0) {
            value /= 1024;
            i++;
        }
        return value + units[i];
    }
}
