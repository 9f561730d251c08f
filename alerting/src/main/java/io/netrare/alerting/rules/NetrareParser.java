package io.netrare.alerting.rules;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Reads the optional {@code [netrare]} table of a rule file (see docs/alerting.md for its keys). */
final class NetrareParser {

    private static final String TABLE = "netrare";

    private final RuleReader reader;

    NetrareParser(RuleReader reader) {
        this.reader = reader;
    }

    NetrareExtensions parse(JsonNode topLevel, JsonNode underRule) {
        JsonNode table = topLevel.isObject() ? topLevel : underRule;
        if (!table.isObject()) {
            return NetrareExtensions.NONE;
        }
        for (Iterator<String> it = table.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!RuleReader.netrareKeys().contains(key)) {
                reader.error(TABLE, key, "unknown key; expected one of " + RuleReader.netrareKeys());
            }
        }
        boolean streaming = false;
        JsonNode streamingNode = table.get("streaming_alerts");
        if (streamingNode != null) {
            if (streamingNode.isBoolean()) {
                streaming = streamingNode.asBoolean();
            } else {
                reader.error(TABLE, "streaming_alerts", "must be true or false");
            }
        }
        List<NetrareExtensions.ExceptionItem> exceptions = new ArrayList<>();
        JsonNode items = table.path("exceptions");
        for (int i = 0; i < items.size(); i++) {
            exceptions.add(item(items.get(i), i));
        }
        return new NetrareExtensions(streaming, exceptions, suppression(table.path("suppression")),
                rateLimit(table.path("rate_limit")));
    }

    private NetrareExtensions.ExceptionItem item(JsonNode item, int i) {
        String table = TABLE + ".exceptions";
        String description = item.path("description").asText(null);
        List<NetrareExtensions.Entry> entries = new ArrayList<>();
        if (item.has("entries")) {
            for (JsonNode entry : item.path("entries")) {
                NetrareExtensions.Entry parsed = entry(entry, table, i);
                if (parsed != null) {
                    entries.add(parsed);
                }
            }
        } else {
            NetrareExtensions.Entry parsed = entry(item, table, i);
            if (parsed != null) {
                entries.add(parsed);
            }
        }
        if (entries.isEmpty() && !item.has("entries") && !item.has("field")) {
            reader.error(reader.lineOfTable(table, i), table + "[" + i + "]", "an exception needs field/operator/value or entries");
        }
        return new NetrareExtensions.ExceptionItem(description, entries);
    }

    private NetrareExtensions.Entry entry(JsonNode entry, String table, int i) {
        String field = entry.path("field").asText(null);
        String opText = entry.path("operator").asText("is");
        NetrareExtensions.Operator op = NetrareExtensions.Operator.parse(opText);
        List<String> values = new ArrayList<>();
        if (entry.has("value")) {
            values.add(entry.get("value").asText());
        }
        entry.path("values").forEach(v -> values.add(v.asText()));
        if (field == null) {
            reader.error(table, i, "field", "missing required key");
            return null;
        }
        if (!RuleReader.KNOWN_FIELDS.contains(field)) {
            reader.error(table, i, "field", "unknown field '" + field + "'; use one of " + RuleReader.KNOWN_FIELDS);
            return null;
        }
        if (op == null) {
            reader.error(table, i, "operator", "'" + opText + "' is not one of is, is one of, wildcard");
            return null;
        }
        if (values.isEmpty()) {
            reader.error(table, i, "value", "an exception entry needs value or values");
            return null;
        }
        return new NetrareExtensions.Entry(field, op, values);
    }

    private NetrareExtensions.RateLimit rateLimit(JsonNode node) {
        if (node.isMissingNode()) {
            return null;
        }
        String table = TABLE + ".rate_limit";
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!key.equals("max_alerts") && !key.equals("window")) {
                reader.error(table, key, "unknown key; expected max_alerts, window");
            }
        }
        JsonNode max = node.get("max_alerts");
        if (max == null || !max.canConvertToInt() || !max.isIntegralNumber() || max.asInt() < 1) {
            reader.error(table, "max_alerts", max == null ? "missing required key" : "must be a positive integer, got " + max);
            return null;
        }
        String windowText = reader.optText(node, table, "window");
        Duration window = windowText == null ? null : io.netrare.runtime.config.Durations.tryParse(windowText).orElse(null);
        if (window == null || window.isZero()) {
            reader.error(table, "window", windowText == null ? "missing required key"
                    : "\"" + windowText + "\" is not a duration such as 1m or 1h");
            return null;
        }
        return new NetrareExtensions.RateLimit(max.asInt(), window);
    }

    private NetrareExtensions.Suppression suppression(JsonNode node) {
        if (node.isMissingNode()) {
            return null;
        }
        String table = TABLE + ".suppression";
        List<String> groupBy = reader.optStrings(node, table, "group_by");
        for (String field : groupBy) {
            if (!RuleReader.KNOWN_FIELDS.contains(field)) {
                reader.error(table, "group_by", "unknown field '" + field + "'; use one of " + RuleReader.KNOWN_FIELDS);
            }
        }
        if (groupBy.isEmpty()) {
            reader.error(table, "group_by", "missing required key (a non-empty list of fields)");
        }
        String windowText = reader.optText(node, table, "window");
        Duration window = windowText == null ? null : io.netrare.runtime.config.Durations.tryParse(windowText).orElse(null);
        if (window == null || window.isZero()) {
            reader.error(table, "window", windowText == null ? "missing required key"
                    : "\"" + windowText + "\" is not a duration such as 30m or 1h");
            return null;
        }
        return new NetrareExtensions.Suppression(groupBy, window);
    }
}
