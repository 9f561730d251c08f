package io.netrare.ingest.parse;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Random well-formed JSON objects shaped like ECS documents: wanted keys nested, dotted and escaped, unwanted
 * subtrees, duplicate keys, nulls, arrays, numbers of every JSON form, escapes and multi-byte UTF-8 in strings,
 * white space between tokens.
 */
public final class DocumentGenerator {

    private DocumentGenerator() {
    }

    private static final String[] ROOT_KEYS = {"@timestamp", "event", "host", "process", "user", "source", "destination",
            "network", "service", "data_stream", "auditd", "agent", "message", "ecs", "group",
            "event.action", "event.category", "event.type", "event.module", "event.dataset", "host.os", "host.os.type",
            "host.name", "process.pid", "user.name_map", "user.name_map.uid", "auditd.data", "auditd.data.socket",
            "auditd.data.socket.addr", "auditd.message_type", "source.ip", "destination.port", "service.type",
            "h\\u006fst", "event\\u002eaction", "auditd\\u002e", "auditdx", "auditd.", ".host", "host..name", "host.",
            "", "caf\u00e9", "\\u00e9v\\u00e9nement", "@timestamp\\u0000"};
    private static final String[] INNER_KEYS = {"name", "hostname", "id", "os", "type", "family", "platform", "action",
            "category", "module", "dataset", "kind", "outcome", "pid", "entity_id", "executable", "uid", "name_map",
            "ip", "port", "transport", "direction", "data", "socket", "addr", "path", "syscall", "message_type",
            "os.type", "os.family", "name_map.uid", "data.socket.addr", "socket.port", "address", "version", "n\\u0061me",
            "x", "\u00fcber", "\\ud83d\\ude00", "os.", ".os"};
    private static final String[] STRINGS = {"linux", "network", "start", "connection", "connection_attempted",
            "connected-to", "accepted-connection-from", "endpoint", "auditd", "system", "socket", "egress", "inbound",
            "10.0.0.7", "::1", "2026-11-20T10:15:00.123Z", "2026-11-20T10:15:00Z", "443", "x", "", "caf\u00e9",
            "\u65e5\u672c", "\ud83d\ude00", "a\\nb", "q\\\"q", "back\\\\slash", "\\/", "\\u00e9", "\\ud83d\\ude00", "\\ud800",
            "\\b\\f\\r\\t", "\\u0000", "ipv4",
            " 53", "+53", "0053", "-", "-7", "123456789012345678", "-123456789012345678", "1234567890123456789",
            "010.0.0.7", "255.255.255.255", "256.0.0.1", "1.2.3.4.5", "10.0.0.77777", "\\u0031.2.3.4",
            "tcp", "/usr/bin/curl", "C:\\\\Windows", "long " + "z".repeat(200)};
    private static final String[] NUMBERS = {"0", "-0", "7", "443", "-1", "65536", "12.5", "-0.0", "1e3", "1E+3",
            "2.5e-3", "99999999999999999999", "123456789012345678", "-9223372036854775808", "1234567", "1.0", "0.5", "123456789012345678901234567890"};

    static byte[] document(Random r) {
        StringBuilder sb = new StringBuilder();
        object(sb, r, 0, true);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void object(StringBuilder sb, Random r, int depth, boolean root) {
        sb.append('{');
        int n = root ? 3 + r.nextInt(12) : r.nextInt(6);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(',');
            }
            space(sb, r);
            String[] keys = root || r.nextInt(5) == 0 ? ROOT_KEYS : INNER_KEYS;
            sb.append('"').append(keys[r.nextInt(keys.length)]).append('"');
            space(sb, r);
            sb.append(':');
            space(sb, r);
            value(sb, r, depth + 1);
            space(sb, r);
        }
        sb.append('}');
    }

    private static void value(StringBuilder sb, Random r, int depth) {
        int kind = r.nextInt(depth > 5 ? 5 : 8);
        switch (kind) {
            case 0, 1 -> sb.append('"').append(STRINGS[r.nextInt(STRINGS.length)]).append('"');
            case 2 -> sb.append(NUMBERS[r.nextInt(NUMBERS.length)]);
            case 3 -> sb.append(r.nextBoolean() ? "true" : "false");
            case 4 -> sb.append("null");
            case 5, 6 -> object(sb, r, depth, false);
            default -> {
                sb.append('[');
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    space(sb, r);
                    value(sb, r, depth + 1);
                }
                space(sb, r);
                sb.append(']');
            }
        }
    }

    private static void space(StringBuilder sb, Random r) {
        if (r.nextInt(6) == 0) {
            sb.append(" \t\n\r".charAt(r.nextInt(4)));
        }
    }

    /** The Elastic Defend-shaped document of about 1.2 KB the ingest benchmark reads, the i-th of a run. */
    public static byte[] benchmarkShaped(int i) {
        String process = "proc" + (i % 200);
        String ip = "10." + (i % 250) + "." + (i / 250 % 250) + ".7";
        return ("{\"@timestamp\":\"2026-11-20T10:" + two(i / 60 % 60) + ":" + two(i % 60) + ".123Z\","
                + "\"agent\":{\"id\":\"5c2f0e8a-0000-4000-8000-000000000001\",\"type\":\"endpoint\",\"version\":\"8.15.0\"},"
                + "\"data_stream\":{\"dataset\":\"endpoint.events.network\",\"namespace\":\"default\",\"type\":\"logs\"},"
                + "\"destination\":{\"address\":\"" + ip + "\",\"ip\":\"" + ip + "\",\"port\":443},"
                + "\"event\":{\"action\":\"connection_attempted\",\"category\":[\"network\"],\"dataset\":\"endpoint.events.network\","
                + "\"id\":\"N" + i + "\",\"kind\":\"event\",\"module\":\"endpoint\",\"sequence\":" + i + ",\"type\":[\"start\"]},"
                + "\"group\":{\"id\":\"1001\",\"name\":\"svc\"},\"host\":{\"architecture\":\"x86_64\",\"hostname\":\"web-07\","
                + "\"id\":\"host-web-07\",\"ip\":[\"10.0.0.7\"],\"name\":\"web-07\",\"os\":{\"family\":\"ubuntu\","
                + "\"full\":\"Ubuntu 22.04\",\"kernel\":\"5.15.0\",\"name\":\"Linux\",\"platform\":\"ubuntu\",\"type\":\"linux\","
                + "\"version\":\"22.04\"}},\"message\":\"Endpoint network event\",\"network\":{\"direction\":\"egress\","
                + "\"transport\":\"tcp\",\"type\":\"ipv4\"},\"process\":{\"entity_id\":\"ent-" + i + "\",\"executable\":\"/usr/bin/"
                + process + "\",\"name\":\"" + process + "\",\"pid\":" + (1000 + i) + "},\"source\":{\"address\":\"10.0.0.7\","
                + "\"ip\":\"10.0.0.7\",\"port\":51514},\"user\":{\"id\":\"33\",\"name\":\"www-data\"}}").getBytes(StandardCharsets.UTF_8);
    }

    private static String two(int v) {
        return v < 10 ? "0" + v : String.valueOf(v);
    }
}
