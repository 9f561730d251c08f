package io.netrare.runtime.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prints an effective config as YAML with secrets masked ({@code ****}). A value is secret when its
 * component carries {@link Secret} or when its key names a secret ({@link #isSecretKey}); URLs anywhere in
 * the config lose their user info and query values ({@link #maskUrl}), which is where webhook and
 * Alertmanager URLs carry tokens.
 */
public final class ConfigPrinter {

    public static final String MASK = "****";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private static final Pattern URL = Pattern.compile(
            "(?<scheme>[a-zA-Z][a-zA-Z0-9+.-]*)://(?:(?<userinfo>[^@/?#]*)@)?(?<host>[^/?#]*)(?<path>/[^?#]*)?"
                    + "(?:\\?(?<query>[^#]*))?(?:#(?<fragment>.*))?", Pattern.DOTALL);
    private static final Pattern URL_IN_TEXT = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s'\"<>]+");
    private static final Pattern QUERY_VALUE = Pattern.compile("([^&=]+)=[^&]*");

    private ConfigPrinter() {
    }

    /** The config as YAML, secrets masked, in the same key names and formats the loader reads. */
    public static String toYaml(Object config) {
        try {
            return YAML.writeValueAsString(toTree(config));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print config", e);
        }
    }

    /**
     * True for keys that hold credentials, case-insensitive: containing {@code password}, {@code passphrase},
     * {@code secret}, {@code token}, {@code credential}, {@code jaas} (Kafka's {@code sasl.jaas.config}) or
     * {@code authorization}, and PEM key material: {@code ssl.keystore.key} and any key ending in {@code .key}
     * or {@code private_key}/{@code private.key}.
     */
    public static boolean isSecretKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("passphrase") || k.contains("secret") || k.contains("token")
                || k.contains("credential") || k.contains("jaas") || k.contains("authorization")
                || k.endsWith(".key") || k.endsWith("private_key");
    }

    /**
     * A URL safe to print: the user info ({@code user:password@}) and every query parameter value become
     * {@code ****}; scheme, host, port and path stay, so an operator still sees where it points. Text that
     * is not an absolute URL is returned unchanged.
     */
    public static String maskUrl(String url) {
        if (url == null) {
            return null;
        }
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            return url;
        }
        StringBuilder out = new StringBuilder(m.group("scheme")).append("://");
        if (m.group("userinfo") != null) {
            out.append(MASK).append('@');
        }
        out.append(m.group("host"));
        if (m.group("path") != null) {
            out.append(m.group("path"));
        }
        if (m.group("query") != null) {
            out.append('?').append(QUERY_VALUE.matcher(m.group("query")).replaceAll("$1=" + MASK));
        }
        if (m.group("fragment") != null) {
            out.append('#').append(MASK);
        }
        return out.toString();
    }

    /** {@code text} with every URL in it passed through {@link #maskUrl}. */
    public static String maskUrlsIn(String text) {
        if (text == null || !text.contains("://")) {
            return text;
        }
        return URL_IN_TEXT.matcher(text).replaceAll(r -> Matcher.quoteReplacement(maskUrl(r.group())));
    }

    static Object toTree(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof DataSize) {
            return value.toString();
        }
        if (value.getClass().isRecord()) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (RecordComponent c : value.getClass().getRecordComponents()) {
                String key = Names.snake(c.getName());
                Object v;
                try {
                    c.getAccessor().setAccessible(true);
                    v = c.getAccessor().invoke(value);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
                boolean secret = c.isAnnotationPresent(Secret.class) || isSecretKey(key);
                out.put(key, secret && v != null ? MASK : toTree(v));
            }
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), isSecretKey(String.valueOf(k)) ? MASK : toTree(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(toTree(v)));
            return out;
        }
        if (value instanceof Duration d) {
            return Durations.format(d);
        }
        if (value instanceof DataSize || value instanceof Path) {
            return value.toString();
        }
        if (value instanceof String s && s.contains("://")) {
            return maskUrl(s);
        }
        if (value instanceof java.net.URI u) {
            return maskUrl(u.toString());
        }
        if (value instanceof Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT);
        }
        return value;
    }
}
