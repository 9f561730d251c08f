package io.netrare.ingest.audit;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Parses one auditd line, {@code [syslog prefix] [node=N] type=T msg=audit(S.MMM:SERIAL): k=v k="v" ...},
 * with the ENRICHED log format's upper-case fields after a 0x1d separator.
 */
public final class AuditLineParser {

    /** Record types whose fields ingest reads. */
    private static final Set<String> KEPT = Set.of("SYSCALL", "SOCKADDR", "PROCTITLE");
    private static final char ENRICHED_SEPARATOR = '\u001d';

    private AuditLineParser() {
    }

    /**
     * The record, or throws {@link IllegalArgumentException} naming what is wrong.
     */
    public static AuditRecord parse(String line, long offset, byte[] raw) {
        int typeAt = line.indexOf("type=");
        int msgAt = line.indexOf("msg=audit(", Math.max(typeAt, 0));
        if (typeAt < 0 || msgAt < 0) {
            throw new IllegalArgumentException("no 'type=... msg=audit(' header");
        }
        int typeEnd = line.indexOf(' ', typeAt);
        if (typeEnd < 0 || typeEnd > msgAt) {
            throw new IllegalArgumentException("bad record type");
        }
        String type = line.substring(typeAt + 5, typeEnd);
        String node = null;
        int nodeAt = line.lastIndexOf("node=", typeAt);
        if (nodeAt >= 0) {
            int nodeEnd = line.indexOf(' ', nodeAt);
            if (nodeEnd > nodeAt && nodeEnd <= typeAt) {
                node = line.substring(nodeAt + 5, nodeEnd);
            }
        }
        int open = msgAt + "msg=audit(".length();
        int close = line.indexOf(')', open);
        int colon = line.indexOf(':', open);
        if (close < 0 || colon < 0 || colon > close) {
            throw new IllegalArgumentException("bad msg=audit(...) header");
        }
        Instant timestamp = timestamp(line.substring(open, colon));
        long sequence = unsigned32(line.substring(colon + 1, close));
        Map<String, String> fields = Map.of();
        if (KEPT.contains(type)) {
            int body = close + 1;
            if (body < line.length() && line.charAt(body) == ':') {
                body++;
            }
            fields = fields(line, body);
        }
        return new AuditRecord(type, timestamp, sequence, node, fields, offset, raw);
    }

    private static Instant timestamp(String text) {
        int dot = text.indexOf('.');
        String secs = dot < 0 ? text : text.substring(0, dot);
        String frac = dot < 0 ? "" : text.substring(dot + 1);
        if (secs.isEmpty() || secs.length() > 12 || frac.length() > 9 || !digits(secs) || !digits(frac)) {
            throw new IllegalArgumentException("bad audit timestamp '" + text + "'");
        }
        long nanos = frac.isEmpty() ? 0 : Long.parseLong(frac) * pow10(9 - frac.length());
        return Instant.ofEpochSecond(Long.parseLong(secs), nanos);
    }

    private static long unsigned32(String text) {
        if (text.isEmpty() || text.length() > 10 || !digits(text)) {
            throw new IllegalArgumentException("bad audit serial '" + text + "'");
        }
        long v = Long.parseLong(text);
        if (v > 0xffff_ffffL) {
            throw new IllegalArgumentException("audit serial " + v + " exceeds 32 bits");
        }
        return v;
    }

    private static boolean digits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static long pow10(int n) {
        long v = 1;
        for (int i = 0; i < n; i++) {
            v *= 10;
        }
        return v;
    }

    /** key=value pairs; values bare, "double quoted" or 'single quoted' (the latter kept whole). */
    static Map<String, String> fields(String line, int from) {
        Map<String, String> out = new HashMap<>(32);
        int i = from;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == ' ' || c == ENRICHED_SEPARATOR) {
                i++;
                continue;
            }
            int eq = line.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            int space = indexOfBreak(line, i, eq);
            if (space >= 0) {
                i = space + 1; // a token without '=': skip it
                continue;
            }
            String key = line.substring(i, eq);
            int v = eq + 1;
            String value;
            if (v < n && (line.charAt(v) == '"' || line.charAt(v) == '\'')) {
                char quote = line.charAt(v);
                int end = line.indexOf(quote, v + 1);
                if (end < 0) {
                    end = n;
                }
                value = line.substring(v, Math.min(end + 1, n));
                i = end + 1;
            } else {
                int end = indexOfBreak(line, v, n);
                if (end < 0) {
                    end = n;
                }
                value = line.substring(v, end);
                i = end;
            }
            out.putIfAbsent(key, value);
        }
        return out;
    }

    /** The first space or ENRICHED separator in {@code [from, to)}, or -1. */
    private static int indexOfBreak(String line, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = line.charAt(i);
            if (c == ' ' || c == ENRICHED_SEPARATOR) {
                return i;
            }
        }
        return -1;
    }
}
