package io.netrare.alerting.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.netrare.schema.Alert;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns one parsed rule file into a {@link Rule}, collecting every missing or invalid key with its line.
 * The JSON tree from the TOML parser stops here: nothing past this class sees it.
 */
final class RuleReader {

    /** Fields an exception entry or a suppression may name: the record's ECS influencers and its own fields. */
    static final Set<String> KNOWN_FIELDS = Set.of("host.name", "process.name", "user.name", "destination.ip",
            "host.id", "user.id", "event.module", "job_id", "record_id", "by_field_name", "by_field_value",
            "partition_field_name", "partition_field_value", "function", "model");

    private static final Set<String> NETRARE_KEYS = Set.of("streaming_alerts", "exceptions", "suppression", "rate_limit");

    private final String source;
    private final JsonNode root;
    private final TomlLines lines;
    private final List<RuleError> errors = new ArrayList<>();

    RuleReader(String source, JsonNode root, String text) {
        this.source = source;
        this.root = root;
        this.lines = new TomlLines(text);
    }

    List<RuleError> errors() {
        return errors;
    }

    /** The rule, or null when errors were found (see {@link #errors()}). */
    Rule read() {
        JsonNode rule = root.path("rule");
        if (!rule.isObject()) {
            error(1, "rule", "missing table [rule]");
            return null;
        }
        JsonNode meta = root.path("metadata");
        Rule.RuleMetadata metadata = new Rule.RuleMetadata(optText(meta, "metadata", "creation_date"),
                optText(meta, "metadata", "updated_date"), optText(meta, "metadata", "maturity"),
                optStrings(meta, "metadata", "integration"), optText(meta, "metadata", "min_stack_version"),
                optText(meta, "metadata", "min_stack_comments"));

        String type = text(rule, "type");
        if (type != null && !Rule.MACHINE_LEARNING.equals(type)) {
            error("rule", "type", "type is \"" + type + "\"; netrare runs only \"machine_learning\" rules");
        }
        String ruleId = text(rule, "rule_id");
        String name = text(rule, "name");
        String description = text(rule, "description");
        Double threshold = number(rule, "anomaly_threshold", 0, 100);
        List<String> jobIds = jobIds(rule);
        Double riskScore = number(rule, "risk_score", 0, 100);
        Rule.Severity severity = severity(rule);
        String intervalText = optText(rule, "rule", "interval");
        Duration interval = intervalText == null ? Duration.ofMinutes(5) : duration(intervalText, "interval", false);
        String fromText = optText(rule, "rule", "from");
        Duration lookback = fromText == null ? Duration.ofMinutes(6) : duration(fromText, "from", true);
        int version = (int) optLong(rule, "version", 1);
        int maxSignals = (int) optLong(rule, "max_signals", 100);
        List<Alert.Threat> threat = threats(rule.path("threat"));
        NetrareExtensions netrare = new NetrareParser(this).parse(root.path("netrare"), rule.path("netrare"));
        if (!errors.isEmpty()) {
            return null;
        }
        return new Rule(source, metadata, ruleId, name, description, type, threshold, jobIds,
                (int) Math.round(riskScore), severity, optText(rule, "rule", "note"), optText(rule, "rule", "setup"),
                optStrings(rule, "rule", "references"), optStrings(rule, "rule", "tags"), threat,
                optStrings(rule, "rule", "author"), optText(rule, "rule", "license"),
                interval == null ? Duration.ofMinutes(5) : interval, intervalText == null ? "5m" : intervalText,
                lookback == null ? Duration.ofMinutes(6) : lookback, fromText == null ? "now-6m" : fromText,
                version, maxSignals, netrare);
    }

    // --- [rule] keys

    private List<String> jobIds(JsonNode rule) {
        JsonNode node = rule.get("machine_learning_job_id");
        if (node == null) {
            error(lines.lineOfTable("rule", 0), "rule.machine_learning_job_id", "missing required key");
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        if (node.isTextual()) {
            ids.add(node.asText());
        } else if (node.isArray()) {
            node.forEach(id -> ids.add(id.asText()));
        }
        if (ids.isEmpty() || ids.stream().anyMatch(String::isBlank)) {
            error("rule", "machine_learning_job_id", "must be a job id or a non-empty list of job ids");
        }
        return ids;
    }

    private Rule.Severity severity(JsonNode rule) {
        String text = text(rule, "severity");
        if (text == null) {
            return null;
        }
        try {
            return Rule.Severity.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            error("rule", "severity", "\"" + text + "\" is not one of low, medium, high, critical");
            return null;
        }
    }

    private List<Alert.Threat> threats(JsonNode threats) {
        List<Alert.Threat> result = new ArrayList<>();
        if (threats.isMissingNode()) {
            return result;
        }
        for (int i = 0; i < threats.size(); i++) {
            JsonNode t = threats.get(i);
            String framework = t.path("framework").asText(null);
            if (framework == null) {
                error(lines.lineOfTable("rule.threat", i), "rule.threat[" + i + "].framework", "missing required key");
            }
            Alert.Ref tactic = ref(t.path("tactic"), "rule.threat.tactic", i);
            List<Alert.Technique> techniques = new ArrayList<>();
            for (JsonNode tech : t.path("technique")) {
                List<Alert.Ref> subs = new ArrayList<>();
                for (JsonNode sub : tech.path("subtechnique")) {
                    subs.add(new Alert.Ref(sub.path("id").asText(null), sub.path("name").asText(null),
                            sub.path("reference").asText(null)));
                }
                techniques.add(new Alert.Technique(tech.path("id").asText(null), tech.path("name").asText(null),
                        tech.path("reference").asText(null), subs));
            }
            result.add(new Alert.Threat(framework, tactic, techniques));
        }
        return result;
    }

    private Alert.Ref ref(JsonNode node, String table, int occurrence) {
        if (!node.isObject() || !node.hasNonNull("id") || !node.hasNonNull("name")) {
            error(lines.lineOfTable(table, occurrence), table.replace("rule.threat", "rule.threat[" + occurrence + "]"),
                    "a tactic needs id and name");
            return null;
        }
        return new Alert.Ref(node.path("id").asText(), node.path("name").asText(), node.path("reference").asText(null));
    }

    Duration duration(String text, String key, boolean relativeToNow) {
        String body = relativeToNow ? text.replaceFirst("^now-", "") : text;
        if (relativeToNow && !text.startsWith("now-")) {
            error("rule", key, "\"" + text + "\" must look like now-45m");
            return null;
        }
        Duration parsed = io.netrare.runtime.config.Durations.tryParse(body).orElse(null);
        if (parsed == null) {
            error("rule", key, "\"" + text + "\" is not a duration such as 30s, 15m, 1h or 2d");
        }
        return parsed;
    }

    // --- typed access with errors

    private String text(JsonNode table, String key) {
        JsonNode node = table.get(key);
        if (node == null) {
            error(lines.lineOfTable("rule", 0), "rule." + key, "missing required key");
            return null;
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            error("rule", key, "must be a non-empty string");
            return null;
        }
        return node.asText();
    }

    private Double number(JsonNode table, String key, double min, double max) {
        JsonNode node = table.get(key);
        if (node == null) {
            error(lines.lineOfTable("rule", 0), "rule." + key, "missing required key");
            return null;
        }
        if (!node.isNumber() || node.asDouble() < min || node.asDouble() > max) {
            error("rule", key, "must be a number from " + (int) min + " to " + (int) max + ", got " + node);
            return null;
        }
        return node.asDouble();
    }

    private long optLong(JsonNode table, String key, long fallback) {
        JsonNode node = table.get(key);
        if (node == null) {
            return fallback;
        }
        if (!node.canConvertToLong() || node.asLong() < 1) {
            error("rule", key, "must be a positive integer, got " + node);
            return fallback;
        }
        return node.asLong();
    }

    String optText(JsonNode table, String tableName, String key) {
        JsonNode node = table.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isValueNode()) {
            error(tableName, key, "must be a string");
            return null;
        }
        return node.asText();
    }

    List<String> optStrings(JsonNode table, String tableName, String key) {
        JsonNode node = table.get(key);
        List<String> values = new ArrayList<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (node.isValueNode()) {
            values.add(node.asText());
        } else if (node.isArray()) {
            node.forEach(v -> values.add(v.asText()));
        } else {
            error(tableName, key, "must be a string or a list of strings");
        }
        return values;
    }

    void error(String table, String key, String message) {
        error(table, 0, key, message);
    }

    void error(String table, int occurrence, String key, String message) {
        error(lines.lineOf(table, occurrence, key), table + "." + key, message);
    }

    void error(int line, String key, String message) {
        errors.add(new RuleError(source, line, key, message));
    }

    int lineOfTable(String table, int occurrence) {
        return lines.lineOfTable(table, occurrence);
    }

    static Set<String> netrareKeys() {
        return NETRARE_KEYS;
    }
}
