package io.netrare.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.netrare.schema.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a {@link DatafeedFilterConfig} from an Elastic anomaly-detection datafeed JSON, so that a user who
 * changed their datafeed brings it as is. It understands the query shapes Elastic's Linux datafeeds use:
 * {@code bool.filter} terms on event.category/event.type, {@code bool.must} should-lists of match/term on
 * host.os.type/host.os.family, and {@code bool.must_not} term/terms (directly or in a should-list) on
 * destination.ip, user.name and process.name. Anything else is refused with every unsupported clause named.
 */
public final class DatafeedReader {

    private DatafeedReader() {
    }

    public static DatafeedFilterConfig read(Path file) {
        try {
            return read(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read datafeed " + file + ": " + e.getMessage(), e);
        }
    }

    public static DatafeedFilterConfig read(String json) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("datafeed is not JSON: " + e.getMessage(), e);
        }
        JsonNode bool = root.path("query").path("bool");
        if (!bool.isObject()) {
            throw new IllegalArgumentException("datafeed has no query.bool");
        }
        Builder b = new Builder();
        for (JsonNode clause : list(bool.path("filter"))) {
            b.filter(clause, "query.bool.filter");
        }
        for (JsonNode clause : list(bool.path("must"))) {
            JsonNode should = clause.path("bool").path("should");
            if (should.isMissingNode()) {
                b.os(clause, "query.bool.must");
            } else {
                for (JsonNode inner : list(should)) {
                    b.os(inner, "query.bool.must.bool.should");
                }
            }
        }
        for (JsonNode clause : list(bool.path("must_not"))) {
            JsonNode should = clause.path("bool").path("should");
            if (should.isMissingNode()) {
                b.exclude(clause, "query.bool.must_not");
            } else {
                for (JsonNode inner : list(should)) {
                    b.exclude(inner, "query.bool.must_not.bool.should");
                }
            }
        }
        bool.fieldNames().forEachRemaining(name -> {
            if (!Set.of("filter", "must", "must_not").contains(name)) {
                b.unsupported.add("query.bool." + name);
            }
        });
        if (!b.unsupported.isEmpty()) {
            throw new IllegalArgumentException("datafeed query has clauses netrare does not support: "
                    + String.join("; ", b.unsupported));
        }
        DatafeedFilterConfig d = DatafeedFilterConfig.defaults();
        return new DatafeedFilterConfig(b.categories.isEmpty() ? d.categories() : b.categories,
                b.types.isEmpty() ? d.types() : b.types, b.osTypes, b.osFamilies, false,
                b.destinations, b.users, b.processes);
    }

    private static List<JsonNode> list(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(out::add);
        } else if (node.isObject()) {
            out.add(node);
        }
        return out;
    }

    private static final class Builder {
        final Set<String> categories = new LinkedHashSet<>();
        final Set<String> types = new LinkedHashSet<>();
        final Set<String> osTypes = new LinkedHashSet<>();
        final Set<String> osFamilies = new LinkedHashSet<>();
        final Set<String> destinations = new LinkedHashSet<>();
        final Set<String> users = new LinkedHashSet<>();
        final Set<String> processes = new LinkedHashSet<>();
        final List<String> unsupported = new ArrayList<>();

        void filter(JsonNode clause, String where) {
            Map.Entry<String, List<String>> t = terms(clause);
            if (t == null) {
                unsupported.add(where + " " + clause);
            } else if (t.getKey().equals("event.category")) {
                categories.addAll(t.getValue());
            } else if (t.getKey().equals("event.type")) {
                types.addAll(t.getValue());
            } else {
                unsupported.add(where + " on " + t.getKey());
            }
        }

        void os(JsonNode clause, String where) {
            Map.Entry<String, List<String>> t = terms(clause);
            if (t == null) {
                unsupported.add(where + " " + clause);
            } else if (t.getKey().equals("host.os.type")) {
                osTypes.addAll(t.getValue());
            } else if (t.getKey().equals("host.os.family")) {
                osFamilies.addAll(t.getValue());
            } else {
                unsupported.add(where + " on " + t.getKey());
            }
        }

        void exclude(JsonNode clause, String where) {
            Map.Entry<String, List<String>> t = terms(clause);
            if (t == null) {
                unsupported.add(where + " " + clause);
                return;
            }
            switch (t.getKey()) {
                case "destination.ip" -> destinations.addAll(t.getValue());
                case "user.name" -> users.addAll(t.getValue());
                case "process.name" -> processes.addAll(t.getValue());
                default -> unsupported.add(where + " on " + t.getKey());
            }
        }

        /** term / terms / match clause as (field, values), or null for another clause type. */
        private static Map.Entry<String, List<String>> terms(JsonNode clause) {
            for (String kind : List.of("term", "terms", "match", "match_phrase")) {
                JsonNode body = clause.get(kind);
                if (body == null || !body.isObject() || body.size() != 1) {
                    continue;
                }
                String field = body.fieldNames().next();
                JsonNode value = body.get(field);
                List<String> values = new ArrayList<>();
                if (value.isArray()) {
                    value.forEach(v -> values.add(v.asText()));
                } else if (value.isObject()) {
                    JsonNode inner = value.has("query") ? value.get("query") : value.get("value");
                    if (inner == null) {
                        return null;
                    }
                    values.add(inner.asText());
                } else {
                    values.add(value.asText());
                }
                return Map.entry(field, values);
            }
            return null;
        }
    }
}
