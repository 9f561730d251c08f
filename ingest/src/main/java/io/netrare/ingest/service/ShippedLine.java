package io.netrare.ingest.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.netrare.schema.Json;

import java.nio.charset.StandardCharsets;

/**
 * A raw auditd line as a log shipper sends it in a JSON envelope (Filebeat's and Elastic Agent's Kafka output:
 * {@code {"message": "type=SYSCALL msg=audit(...)...", "host": {"name": ...}, "log": {"file": {"path": ...}}}}):
 * the line, and the source it came from (host and file), so that lines of one event join.
 *
 * @param line   the {@code message} text (one or more auditd lines)
 * @param source {@code host.name} (or {@code agent.id}) and {@code log.file.path}, joined by {@code /}
 */
record ShippedLine(byte[] line, String source) {

    private static final byte[] AUDIT_MARK = "msg=audit(".getBytes(StandardCharsets.US_ASCII);

    /** The envelope's auditd line, or null when the record is not such an envelope (e.g. an ECS document). */
    static ShippedLine of(byte[] value) {
        if (value.length == 0 || value[0] != '{' || indexOf(value, AUDIT_MARK) < 0) {
            return null;
        }
        JsonNode doc;
        try {
            doc = Json.mapper().readTree(value);
        } catch (Exception e) {
            return null; // not JSON after all: the pipeline says why
        }
        JsonNode message = doc.path("message");
        if (!message.isTextual() || !message.asText().contains("msg=audit(")) {
            return null;
        }
        String host = text(doc, "host", "name");
        if (host == null) {
            host = text(doc, "agent", "id");
        }
        String path = text(doc, "log", "file", "path");
        String source = (host == null ? "" : host) + (path == null ? "" : "/" + path);
        return new ShippedLine(message.asText().getBytes(StandardCharsets.UTF_8), source);
    }

    /** A nested field, in nested form or with a dotted key ({@code "host.name"}). */
    private static String text(JsonNode doc, String... path) {
        JsonNode n = doc;
        for (String p : path) {
            n = n.path(p);
        }
        if (n.isTextual()) {
            return n.asText();
        }
        JsonNode dotted = doc.path(String.join(".", path));
        return dotted.isTextual() ? dotted.asText() : null;
    }

    private static int indexOf(byte[] b, byte[] needle) {
        outer:
        for (int i = 0; i <= b.length - needle.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (b[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
