package io.netrare.runtime.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Loads a typed, immutable config record from a YAML file plus {@code NETRARE_*} environment overrides.
 *
 * <h2>File</h2>
 * snake_case keys map onto record components ({@code bootstrapServers} is {@code bootstrap_servers}).
 * A key missing from the file takes the value of the record's static {@code defaults()} method when
 * it has one; a missing nested record is bound from an empty mapping (its own defaults); a missing
 * list or map is empty; any other missing key is an error. Unknown keys are errors, with a
 * "did you mean" hint. Every problem is collected and thrown together in one {@link ConfigException}.
 * A record's compact constructor validates its values: its exception becomes a problem at its path.
 *
 * <h2>Environment overrides</h2>
 * {@code NETRARE_} + the upper-cased path, with {@code __} (double underscore) between path segments:
 * {@code kafka.bootstrap_servers} is {@code NETRARE_KAFKA__BOOTSTRAP_SERVERS}. Below a map component the
 * rest of the name is the map key, lower-cased, with {@code _} turned into {@code .}:
 * {@code NETRARE_KAFKA__PROPERTIES__SASL_JAAS_CONFIG} sets {@code kafka.properties["sasl.jaas.config"]}.
 * Lists take comma-separated values. An override wins over the file. Variables that name no key are
 * logged and ignored (several services with different config types may share one environment).
 */
public final class ConfigLoader {

    public static final String ENV_PREFIX = "NETRARE_";
    private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Map<String, String> env;

    /** @param env the environment to read overrides from (inject a map in tests) */
    public ConfigLoader(Map<String, String> env) {
        this.env = new TreeMap<>(requireNonNull(env, "env is null"));
    }

    /** A loader reading the process environment. */
    public static ConfigLoader fromSystemEnvironment() {
        return new ConfigLoader(System.getenv());
    }

    /** Loads from a YAML file; a {@code null} file means defaults plus environment only. */
    public <T> T load(Path file, Class<T> type) {
        if (file == null) {
            return load("", "defaults", type);
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), List.of(new ConfigException.Problem("", "cannot read file: " + e)));
        }
        return load(text, file.toString(), type);
    }

    /** Loads from YAML text; {@code source} names it in error messages. */
    public <T> T load(String yaml, String source, Class<T> type) {
        requireNonNull(type, "type is null");
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is not a record");
        }
        JsonNode tree;
        try {
            tree = yaml.isBlank() ? RecordBinder.empty() : YAML.readTree(yaml);
        } catch (IOException e) {
            throw new ConfigException(source, List.of(new ConfigException.Problem("", yamlProblem(e))));
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            tree = RecordBinder.empty();
        }
        if (!tree.isObject()) {
            throw new ConfigException(source, List.of(new ConfigException.Problem("", "expected a mapping at the top level")));
        }
        applyEnvironment((ObjectNode) tree, type);
        RecordBinder binder = new RecordBinder();
        T value = binder.bindRecord(tree, type, "");
        if (!binder.problems().isEmpty()) {
            throw new ConfigException(source + (hasOverrides() ? " (with NETRARE_* environment overrides)" : ""),
                    binder.problems());
        }
        return value;
    }

    private static final Pattern YAML_MARK = Pattern.compile("line (\\d+), column (\\d+)");

    /**
     * The parser's explanation without the lines it quotes: the YAML parser echoes the offending source
     * line, which may hold a secret (an unterminated quoted password). Only the unindented problem lines
     * and the first line/column mark are kept.
     */
    static String yamlProblem(IOException e) {
        String raw = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        raw = raw == null ? e.getClass().getSimpleName() : raw;
        List<String> problems = new ArrayList<>();
        String where = "";
        for (String line : raw.split("\\R")) {
            Matcher m = YAML_MARK.matcher(line);
            if (where.isEmpty() && line.startsWith(" in ") && m.find()) {
                where = " at line " + m.group(1) + ", column " + m.group(2);
            } else if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
                problems.add(line.strip());
            }
        }
        return "not valid YAML" + where + ": " + String.join("; ", problems);
    }

    private boolean hasOverrides() {
        return env.keySet().stream().anyMatch(k -> k.startsWith(ENV_PREFIX));
    }

    private void applyEnvironment(ObjectNode root, Class<?> type) {
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (!e.getKey().startsWith(ENV_PREFIX)) {
                continue;
            }
            List<String> segments = Arrays.stream(e.getKey().substring(ENV_PREFIX.length()).split("__"))
                    .map(s -> s.toLowerCase(Locale.ROOT)).toList();
            if (!apply(root, type, segments, e.getValue())) {
                LOG.warn("environment variable {} names no key of {}; ignored", e.getKey(), type.getSimpleName());
            }
        }
    }

    private static boolean apply(ObjectNode node, Class<?> type, List<String> segments, String value) {
        Class<?> current = type;
        ObjectNode target = node;
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            Optional<RecordComponent> component = component(current, segment);
            if (component.isEmpty()) {
                return false;
            }
            Class<?> raw = component.get().getType();
            boolean last = i == segments.size() - 1;
            if (raw == Map.class && !last) {
                String key = String.join(".", segments.subList(i + 1, segments.size())).replace('_', '.');
                target.withObjectProperty(segment).put(key, value);
                return true;
            }
            if (last) {
                target.set(segment, TextNode.valueOf(value));
                return true;
            }
            if (!raw.isRecord()) {
                return false;
            }
            JsonNode child = target.get(segment);
            target = child instanceof ObjectNode o ? o : target.putObject(segment);
            current = raw;
        }
        return false;
    }

    private static Optional<RecordComponent> component(Class<?> type, String key) {
        if (!type.isRecord()) {
            return Optional.empty();
        }
        return Arrays.stream(type.getRecordComponents()).filter(c -> Names.snake(c.getName()).equals(key)).findFirst();
    }

    /** The environment variable that overrides a dotted config path, e.g. {@code NETRARE_KAFKA__BOOTSTRAP_SERVERS}. */
    public static String environmentVariable(String dottedPath) {
        List<String> parts = new ArrayList<>(Arrays.asList(dottedPath.split("\\.")));
        return ENV_PREFIX + String.join("__", parts).toUpperCase(Locale.ROOT);
    }
}
