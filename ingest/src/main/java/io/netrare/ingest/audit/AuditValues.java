package io.netrare.ingest.audit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decoding of auditd field values. The kernel quotes an untrusted string when it is printable and
 * hex-encodes it otherwise (spaces, quotes, control or non-ASCII bytes); {@code (null)} means absent.
 */
public final class AuditValues {

    private AuditValues() {
    }

    /** A string field: quotes removed, or hex decoded, or null for (null)/?/absent. */
    public static String text(String raw) {
        if (raw == null || raw.isEmpty() || raw.equals("(null)") || raw.equals("?") || raw.equals("(none)")) {
            return null;
        }
        char first = raw.charAt(0);
        if ((first == '"' || first == '\'') && raw.length() >= 2 && raw.charAt(raw.length() - 1) == first) {
            return raw.substring(1, raw.length() - 1);
        }
        byte[] bytes = hex(raw);
        if (bytes == null) {
            return raw;
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The bytes of an even-length hex string, or null when it is not one. */
    public static byte[] hex(String s) {
        if (s == null || s.isEmpty() || (s.length() & 1) != 0) {
            return null;
        }
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(s.charAt(2 * i), 16);
            int lo = Character.digit(s.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                return null;
            }
            out[i] = (byte) ((hi << 4) | lo);
        }
        return out;
    }

    /** The arguments of a PROCTITLE value: hex of the NUL-separated argv, or a quoted single string. */
    public static List<String> proctitle(String raw) {
        if (raw == null || raw.isEmpty() || raw.equals("(null)")) {
            return List.of();
        }
        char first = raw.charAt(0);
        if (first == '"' || first == '\'') {
            String t = text(raw);
            return t == null ? List.of() : List.of(t);
        }
        byte[] bytes = hex(raw);
        if (bytes == null) {
            return List.of(raw);
        }
        List<String> args = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == 0) {
                if (i > start) {
                    args.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                }
                start = i + 1;
            }
        }
        return args;
    }
}
