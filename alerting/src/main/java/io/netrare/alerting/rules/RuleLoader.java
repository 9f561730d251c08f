package io.netrare.alerting.rules;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Loads Elastic detection-rules TOML files. Every file in a directory ({@code *.toml}) is one rule; a file
 * that does not parse, lacks a required key or has an invalid value refuses the whole set, with every
 * error located by file, line and key.
 */
public final class RuleLoader {

    /** The shipped default: Elastic's "Unusual Linux Network Activity". */
    public static final String DEFAULT_RULE_RESOURCE = "rules/ml_linux_anomalous_network_activity.toml";

    private static final TomlMapper TOML = new TomlMapper();
    private static final Pattern KEY_ON_LINE = Pattern.compile("^\\s*([A-Za-z0-9_.\\-]+)\\s*=");

    /** Rules that loaded and the errors of those that did not. */
    public record Result(List<Rule> rules, List<RuleError> errors) {
        public Result {
            rules = List.copyOf(rules);
            errors = List.copyOf(errors);
        }

        public boolean ok() {
            return errors.isEmpty();
        }

        /** The rules, or a {@link RuleLoadException} with every error. */
        public List<Rule> orThrow() {
            if (!errors.isEmpty()) {
                throw new RuleLoadException(errors);
            }
            return rules;
        }
    }

    /** Checks every {@code *.toml} in {@code dir} (sorted by name) without throwing. */
    public Result check(Path dir) {
        List<Rule> rules = new ArrayList<>();
        List<RuleError> errors = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            errors.add(new RuleError(dir.toString(), 0, null, "not a directory"));
            return new Result(rules, errors);
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".toml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list rules directory " + dir, e);
        }
        if (files.isEmpty()) {
            errors.add(new RuleError(dir.toString(), 0, null, "no *.toml rule files"));
        }
        Map<String, String> seenIds = new HashMap<>();
        for (Path file : files) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                errors.add(new RuleError(file.toString(), 0, null, "cannot read: " + e.getMessage()));
                continue;
            }
            Result one = parse(file.toString(), text);
            errors.addAll(one.errors());
            for (Rule rule : one.rules()) {
                String previous = seenIds.putIfAbsent(rule.ruleId(), rule.source());
                if (previous != null) {
                    errors.add(new RuleError(file.toString(), new TomlLines(text).lineOf("rule", "rule_id"),
                            "rule.rule_id", "rule_id " + rule.ruleId() + " is also used by " + previous));
                } else {
                    rules.add(rule);
                }
            }
        }
        return new Result(rules, errors);
    }

    /** Loads every rule in {@code dir}, or throws {@link RuleLoadException} naming each bad file, line and key. */
    public List<Rule> loadDirectory(Path dir) {
        return check(dir).orThrow();
    }

    /** The rule shipped in the jar. */
    public Rule loadDefault() {
        try (InputStream in = RuleLoader.class.getClassLoader().getResourceAsStream(DEFAULT_RULE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DEFAULT_RULE_RESOURCE);
            }
            return parse("classpath:" + DEFAULT_RULE_RESOURCE, new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .orThrow().get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses one rule file's text; {@code source} names it in errors. */
    public Result parse(String source, String text) {
        JsonNode root;
        try {
            root = TOML.readTree(text);
        } catch (JacksonException e) {
            JsonLocation where = e.getLocation();
            int line = where == null ? 0 : where.getLineNr();
            return new Result(List.of(), List.of(new RuleError(source, line, keyOnLine(text, line),
                    "TOML syntax error: " + e.getOriginalMessage())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (root == null || !root.isObject()) {
            return new Result(List.of(), List.of(new RuleError(source, 1, "rule", "missing table [rule]")));
        }
        RuleReader reader = new RuleReader(source, root, text);
        Rule rule = reader.read();
        return rule == null ? new Result(List.of(), reader.errors()) : new Result(List.of(rule), List.of());
    }

    private static String keyOnLine(String text, int line) {
        String[] lines = text.split("\r?\n", -1);
        if (line < 1 || line > lines.length) {
            return null;
        }
        Matcher m = KEY_ON_LINE.matcher(lines[line - 1]);
        return m.find() ? m.group(1) : null;
    }
}
