package io.netrare.ingest.parse;

import io.netrare.ingest.IpAddresses;

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
        if (n < 20 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        long nanos = 0;
        if (n > 20) {
            if (s.charAt(19) != '.' || n - 21 > 9 || n - 21 < 1) {
                return null;
            }
            int frac = digits(s, 20, n - 1);
            if (frac < 0) {
                return null;
            }
            nanos = frac;
            for (int k = n - 21; k < 9; k++) {
                nanos *= 10;
            }
        } else if (s.charAt(19) != 'Z') {
            return null;
        }
        if (day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        long days = java.time.LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(days * 86_400 + hour * 3600L + minute * 60L + second, nanos);
    }

    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
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
