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
