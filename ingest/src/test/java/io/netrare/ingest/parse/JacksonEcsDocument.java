package io.netrare.ingest.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reader {@link EcsDocument} replaced, kept as the reference it is compared with: the same fields read
 * with Jackson's streaming parser (nested objects and dotted keys give the same dotted path; subtrees that
 * cannot hold a wanted field are skipped with {@code skipChildren}).
 */
final class JacksonEcsDocument {

    static final List<String> WANTED = List.of(
            "@timestamp", "event.action", "event.category", "event.type", "event.module", "event.dataset",
            "event.kind", "event.outcome", "data_stream.dataset", "service.type",
            "host.name", "host.hostname", "host.id", "host.os.type", "host.os.family", "host.os.name",
            "host.os.platform",
            "process.name", "process.executable", "process.pid", "process.entity_id",
            "user.name", "user.id", "user.uid", "user.name_map.uid",
            "source.ip", "source.port", "destination.ip", "destination.port",
            "network.transport", "network.direction",
            "auditd.message_type", "auditd.data.syscall", "auditd.data.socket.family", "auditd.data.socket.addr",
            "auditd.data.socket.port", "auditd.data.socket.path");

    /**
     * The wanted fields as a tree of key segments, so a document's keys are looked up segment by segment
     * without building a dotted path string for every key.
     */
    private static final class Node {
        final Map<String, Node> children = new HashMap<>();
        String path;

        Node child(String name) {
            Node n = children.get(name);
            if (n != null || name.indexOf('.') < 0) {
                return n;
            }
            n = this; // a dotted key ("os.type") walks several segments
            int from = 0;
            while (n != null) {
                int dot = name.indexOf('.', from);
                n = n.children.get(dot < 0 ? name.substring(from) : name.substring(from, dot));
                if (dot < 0) {
                    return n;
                }
                from = dot + 1;
            }
            return null;
        }
    }

    private static final Node ROOT = new Node();

    static {
        for (String f : WANTED) {
            Node n = ROOT;
            for (String segment : f.split("\\.")) {
                n = n.children.computeIfAbsent(segment, k -> new Node());
            }
            n.path = f;
        }
    }

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).maxNumberLength(64).build())
            .build();

    private final Map<String, Object> values = new HashMap<>(32);
    private boolean hasAuditd;

    private JacksonEcsDocument() {
    }

    /**
     * Reads one JSON object.
     *
     * @throws IOException when it is not exactly one well-formed JSON object
     */
    static JacksonEcsDocument read(byte[] bytes, int off, int len) throws IOException {
        JacksonEcsDocument doc = new JacksonEcsDocument();
        try (JsonParser p = FACTORY.createParser(bytes, off, len)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            doc.readObject(p, ROOT);
            if (p.nextToken() != null) {
                throw new IOException("content after the JSON object");
            }
        }
        return doc;
    }

    private void readObject(JsonParser p, Node node) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            if (node == ROOT && (name.equals("auditd") || name.startsWith("auditd."))) {
                hasAuditd = true;
            }
            Node child = node.child(name);
            JsonToken value = p.nextToken();
            if (value == JsonToken.START_OBJECT) {
                if (child != null && !child.children.isEmpty()) {
                    readObject(p, child);
                } else {
                    p.skipChildren();
                }
            } else if (value == JsonToken.START_ARRAY) {
                if (child != null && child.path != null) {
                    values.put(child.path, readArray(p));
                } else {
                    p.skipChildren();
                }
            } else if (value != null && value.isScalarValue()) {
                if (value != JsonToken.VALUE_NULL && child != null && child.path != null) {
                    values.put(child.path, p.getText());
                }
            } else {
                throw new IOException("unexpected " + value);
            }
        }
        if (t != JsonToken.END_OBJECT) {
            throw new IOException("unterminated object");
        }
    }

    private static List<String> readArray(JsonParser p) throws IOException {
        List<String> out = new ArrayList<>(4);
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new IOException("unterminated array");
            }
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                p.skipChildren();
            } else if (t != JsonToken.VALUE_NULL) {
                out.add(p.getText());
            }
        }
        return out;
    }

    /** A scalar field (the first element when the document has an array there). */
    String get(String path) {
        Object v = values.get(path);
        if (v instanceof List<?> list) {
            return list.isEmpty() ? null : (String) list.get(0);
        }
        return (String) v;
    }

    /** A keyword-array field (ECS lets a single value stand for a one-element array). */
    List<String> list(String path) {
        Object v = values.get(path);
        if (v == null) {
            return List.of();
        }
        if (v instanceof String s) {
            return List.of(s);
        }
        @SuppressWarnings("unchecked")
        List<String> list = (List<String>) v;
        return list;
    }

    boolean hasAuditd() {
        return hasAuditd;
    }
}
