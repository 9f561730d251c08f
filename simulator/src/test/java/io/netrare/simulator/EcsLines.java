package io.netrare.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.netrare.schema.Json;
import io.netrare.schema.NetworkEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A test-side reading of an ECS line into a NetworkEvent, written independently of the simulator's
 * normalizer: it keeps the fields a parser keeps and nothing it would have to guess.
 */
final class EcsLines {

    private EcsLines() {
    }

    static JsonNode tree(String line) {
        try {
            return Json.mapper().readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static NetworkEvent parse(JsonNode d) {
        NetworkEvent.Host host = new NetworkEvent.Host(text(d, "host", "name"), text(d, "host", "id"),
                new NetworkEvent.Os(text(d, "host", "os", "type"), text(d, "host", "os", "family"), text(d, "host", "os", "name")));
        JsonNode pid = d.path("process").path("pid");
        NetworkEvent.Process process = new NetworkEvent.Process(text(d, "process", "name"), text(d, "process", "executable"),
                pid.isMissingNode() ? null : pid.asLong(), text(d, "process", "entity_id"));
        NetworkEvent.User user = new NetworkEvent.User(text(d, "user", "name"), text(d, "user", "id"));
        NetworkEvent.Event event = new NetworkEvent.Event(text(d, "event", "action"), list(d.path("event").path("category")),
                list(d.path("event").path("type")), text(d, "event", "module"), text(d, "event", "dataset"));
        return new NetworkEvent(NetworkEvent.SCHEMA_VERSION, Instant.parse(d.path("@timestamp").asText()), host, process,
                user, endpoint(d.path("source")), endpoint(d.path("destination")),
                new NetworkEvent.Network(text(d, "network", "transport"), text(d, "network", "direction")), event, 1, null);
    }

    private static NetworkEvent.Endpoint endpoint(JsonNode node) {
        if (node.isMissingNode()) {
            return null;
        }
        return new NetworkEvent.Endpoint(node.path("ip").asText(null), node.path("port").isMissingNode() ? null : node.path("port").asInt());
    }

    private static List<String> list(JsonNode node) {
        List<String> values = new ArrayList<>();
        node.forEach(n -> values.add(n.asText()));
        return values;
    }

    static String text(JsonNode node, String... path) {
        JsonNode n = node;
        for (String p : path) {
            n = n.path(p);
        }
        return n.isMissingNode() || n.isNull() ? null : n.asText();
    }
}
