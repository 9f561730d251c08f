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

/**
 * Prints an effective config as YAML with secrets masked ({@code ****}). A value is secret when its
 * component carries {@link Secret} or when its key names a secret ({@link #isSecretKey}).
 */
public final class ConfigPrinter {

    public static final String MASK = "****";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

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
     * True for keys that hold credentials: containing {@code password}, {@code secret}, {@code token},
     * {@code credential} or {@code jaas} (Kafka's {@code sasl.jaas.config}), case-insensitive.
     */
    public static boolean isSecretKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("secret") || k.contains("token") || k.contains("credential")
                || k.contains("jaas");
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
        if (value instanceof Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT);
        }
        return value;
    }
}
