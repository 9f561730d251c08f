package io.netrare.ingest.parse;

import io.netrare.ingest.IpAddresses;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Small conversions shared by the parsers; each returns null for absent or unusable input. */
public final class Fields {

    private Fields() {
    }

    public static Long parseLong(String s) {
        if (s == null || s.isEmpty() || s.length() > 19) {
            return null;
        }
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A port in 0..65535, or null. */
    public static Integer port(String s) {
        Long v = parseLong(s);
        return v == null || v < 0 || v > 65535 ? null : v.intValue();
    }

    /** The last path element of an executable path. */
    public static String basename(String path) {
        if (path == null || path.isEmpty()) {
            return null;
        }
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        String name = path.substring(slash + 1);
        return name.isEmpty() ? null : name;
    }

    /**
     * An ISO-8601 instant ("Z" or an offset) or epoch milliseconds.
     *
     * @throws IllegalArgumentException when the text is neither
     */
    public static Instant instant(String s) {
        if (s == null || s.isEmpty() || s.length() > 40) {
            throw new IllegalArgumentException("timestamp '" + s + "' is not an ISO-8601 instant");
        }
        char first = s.charAt(0);
        if (Character.isDigit(first) && s.indexOf('-') < 0) {
            Long millis = parseLong(s);
            if (millis == null) {
                throw new IllegalArgumentException("timestamp '" + s + "' is not epoch milliseconds");
            }
            return Instant.ofEpochMilli(millis);
        }
        Instant fast = fastIso(s);
        if (fast != null) {
            return fast;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException("timestamp '" + s + "' is not an ISO-8601 instant");
            }
        }
    }

    /**
     * The common shape {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} without the formatter machinery (it is most of
     * the cost of an ECS document otherwise); null for any other shape, which the general parser then handles.
     */
    static Instant fastIso(String s) {
        int n = s.length();
        if (n < 20 || n > 30) {
            return null;
        }
        // a character beyond Latin-1 becomes '?', which is neither a digit nor a separator: null, as it should be
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return fastIso(b, 0, n);
    }

    /** {@link #fastIso(String)} on the bytes {@code [from, to)}: no string needed. */
    static Instant fastIso(byte[] b, int from, int to) {
        int n = to - from;
        if (n < 20 || n > 30 || b[to - 1] != 'Z' || b[from + 4] != '-' || b[from + 7] != '-' || b[from + 10] != 'T'
                || b[from + 13] != ':' || b[from + 16] != ':') {
            return null;
        }
        int year = digits(b, from, from + 4);
        int month = digits(b, from + 5, from + 7);
        int day = digits(b, from + 8, from + 10);
        int hour = digits(b, from + 11, from + 13);
        int minute = digits(b, from + 14, from + 16);
        int second = digits(b, from + 17, from + 19);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month) || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        long nanos = 0;
        if (n > 20) {
            if (b[from + 19] != '.' || n - 21 < 1) {
                return null;
            }
            int frac = digits(b, from + 20, to - 1);
            if (frac < 0) {
                return null;
            }
            nanos = frac;
            for (int k = n - 21; k < 9; k++) {
                nanos *= 10;
            }
        } else if (b[from + 19] != 'Z') {
            return null;
        }
        return Instant.ofEpochSecond(epochDay(year, month, day) * 86_400 + hour * 3600L + minute * 60L + second, nanos);
    }

    /**
     * Sysmon's {@code UtcTime} in its plain shape, {@code yyyy-MM-dd HH:mm:ss} with 3, 6 or 9 fraction digits or
     * none, every field in its range; null for anything else, which the formatter then reads (it resolves odd
     * values, such as a day past the month's end, its own way).
     */
    static Instant fastUtcTime(String s) {
        int n = s.length();
        if (n != 19 && n != 23 && n != 26 && n != 29) {
            return null;
        }
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        if (b[4] != '-' || b[7] != '-' || b[10] != ' ' || b[13] != ':' || b[16] != ':' || (n > 19 && b[19] != '.')) {
            return null;
        }
        int year = digits(b, 0, 4);
        int month = digits(b, 5, 7);
        int day = digits(b, 8, 10);
        int hour = digits(b, 11, 13);
        int minute = digits(b, 14, 16);
        int second = digits(b, 17, 19);
        if (year < 1 || month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month) || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null; // year 0 too: the formatter's year-of-era starts at 1
        }
        long nanos = 0;
        if (n > 19) {
            int frac = digits(b, 20, n);
            if (frac < 0) {
                return null;
            }
            nanos = frac;
            for (int k = n - 20; k < 9; k++) {
                nanos *= 10;
            }
        }
        return Instant.ofEpochSecond(epochDay(year, month, day) * 86_400 + hour * 3600L + minute * 60L + second, nanos);
    }

    private static int lengthOfMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (the civil-from-days inverse, as in java.time). */
    private static long epochDay(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }

    private static int digits(byte[] b, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            int c = b[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** The canonical form of an IP literal; throws when the text is present but not an IP. */
    public static String ip(String field, String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        String canonical = IpAddresses.canonical(s);
        if (canonical == null) {
            throw new IllegalArgumentException(field + " '" + abbreviate(s) + "' is not an IP address");
        }
        return canonical;
    }

    public static String abbreviate(String s) {
        return s == null || s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    /** ECS direction names; Auditbeat 6/7 wrote inbound/outbound. */
    public static String direction(String s) {
        if (s == null) {
            return null;
        }
        return switch (s) {
            case "inbound", "incoming" -> "ingress";
            case "outbound", "outgoing" -> "egress";
            default -> s;
        };
    }
}
