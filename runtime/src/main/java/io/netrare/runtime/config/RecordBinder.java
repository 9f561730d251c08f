package io.netrare.runtime.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Binds a JSON/YAML tree onto a config record, collecting every problem instead of stopping at the first.
 * Returns {@code null} for a subtree with problems; the caller throws once with all of them.
 */
final class RecordBinder {

    private final List<ConfigException.Problem> problems = new ArrayList<>();

    List<ConfigException.Problem> problems() {
        return problems;
    }

    <R> R bindRecord(JsonNode node, Class<R> type, String path) {
        if (node != null && !node.isObject() && !node.isNull() && !node.isMissingNode()) {
            problem(path, "expected a mapping of keys for " + type.getSimpleName() + ", got '" + node.asText() + "'");
            return null;
        }
        int before = problems.size();
        RecordComponent[] components = type.getRecordComponents();
        Object defaults = defaultsOf(type, path);
        Set<String> keys = new LinkedHashSet<>();
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            String key = Names.snake(c.getName());
            keys.add(key);
            String childPath = join(path, key);
            JsonNode child = node == null ? null : node.get(key);
            if (child == null || child.isNull()) {
                args[i] = missing(c, defaults, childPath);
            } else {
                args[i] = convert(child, c.getGenericType(), childPath);
            }
        }
        if (node != null) {
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!keys.contains(name)) {
                    String hint = Names.closest(name, keys).map(k -> "; did you mean '" + k + "'?").orElse("");
                    problem(join(path, name), "unknown key" + hint + " (known keys: " + String.join(", ", keys) + ")");
                }
            }
        }
        if (problems.size() > before) {
            return null;
        }
        return construct(type, components, args, path);
    }

    private Object missing(RecordComponent c, Object defaults, String path) {
        if (defaults != null) {
            try {
                Method accessor = c.getAccessor();
                accessor.setAccessible(true);
                return accessor.invoke(defaults);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read default of " + path, e);
            }
        }
        Class<?> raw = c.getType();
        if (raw.isRecord() && raw != DataSize.class) {
            return bindRecord(null, raw, path);
        }
        if (raw == List.class) {
            return List.of();
        }
        if (raw == Map.class) {
            return Map.of();
        }
        problem(path, "missing required key");
        return null;
    }

    private Object defaultsOf(Class<?> type, String path) {
        try {
            Method m = type.getDeclaredMethod("defaults");
            if (!Modifier.isStatic(m.getModifiers()) || m.getReturnType() != type) {
                return null;
            }
            m.setAccessible(true);
            return m.invoke(null);
        } catch (NoSuchMethodException e) {
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("defaults() of " + type.getName() + " failed at " + path, e);
        }
    }

    private <R> R construct(Class<R> type, RecordComponent[] components, Object[] args, String path) {
        Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            Constructor<R> ctor = type.getDeclaredConstructor(types);
            ctor.setAccessible(true);
            return ctor.newInstance(args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            problem(path, cause.getMessage() == null ? cause.toString() : cause.getMessage());
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + type.getName(), e);
        }
    }

    Object convert(JsonNode node, Type type, String path) {
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            if (raw == List.class) {
                return convertList(node, p.getActualTypeArguments()[0], path);
            }
            if (raw == Map.class) {
                return convertMap(node, p.getActualTypeArguments()[1], path);
            }
            throw new IllegalStateException("unsupported config type " + type + " at " + path);
        }
        Class<?> c = (Class<?>) type;
        if (c.isRecord() && c != DataSize.class) {
            return bindRecord(node, c, path);
        }
        if (!node.isValueNode()) {
            problem(path, "expected a single value, got a " + (node.isArray() ? "list" : "mapping"));
            return null;
        }
        String text = node.asText();
        try {
            return scalar(node, text, c);
        } catch (IllegalArgumentException e) {
            problem(path, e.getMessage());
            return null;
        }
    }

    private Object scalar(JsonNode node, String text, Class<?> c) {
        if (c == String.class) {
            return text;
        }
        if (c == int.class || c == Integer.class) {
            return (int) parseLong(text, "an integer", Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        if (c == long.class || c == Long.class) {
            return parseLong(text, "an integer", Long.MIN_VALUE, Long.MAX_VALUE);
        }
        if (c == double.class || c == Double.class) {
            try {
                return Double.parseDouble(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is not a number");
            }
        }
        if (c == boolean.class || c == Boolean.class) {
            return switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException("'" + text + "' is not a boolean (true or false)");
            };
        }
        if (c == Duration.class) {
            if (node.isNumber()) {
                throw new IllegalArgumentException("'" + text + "' has no unit (e.g. " + text + "s or " + text + "ms)");
            }
            return Durations.parse(text);
        }
        if (c == DataSize.class) {
            return DataSize.parse(text);
        }
        if (c == Path.class) {
            return Path.of(text);
        }
        if (c.isEnum()) {
            return enumValue(c, text);
        }
        throw new IllegalStateException("unsupported config type " + c.getName());
    }

    private static long parseLong(String text, String what, long min, long max) {
        long v;
        try {
            v = Long.parseLong(text.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not " + what);
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException(text + " is out of range [" + min + ", " + max + "]");
        }
        return v;
    }

    private static Object enumValue(Class<?> type, String text) {
        String wanted = text.trim().replace('-', '_');
        List<String> allowed = new ArrayList<>();
        for (Object constant : type.getEnumConstants()) {
            String name = ((Enum<?>) constant).name();
            if (name.equalsIgnoreCase(wanted)) {
                return constant;
            }
            allowed.add(name.toLowerCase(Locale.ROOT));
        }
        throw new IllegalArgumentException("'" + text + "' is not one of " + allowed);
    }

    private List<Object> convertList(JsonNode node, Type element, String path) {
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(items::add);
        } else if (node.isTextual()) {
            // comma-separated form, used by environment overrides
            for (String part : node.asText().split(",")) {
                if (!part.isBlank()) {
                    items.add(TextNode.valueOf(part.trim()));
                }
            }
        } else {
            items.add(node);
        }
        List<Object> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            out.add(convert(items.get(i), element, path + "[" + i + "]"));
        }
        return out.contains(null) ? null : List.copyOf(out);
    }

    private Map<String, Object> convertMap(JsonNode node, Type value, String path) {
        if (!node.isObject()) {
            problem(path, "expected a mapping");
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        boolean failed = false;
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            Object v = convert(e.getValue(), value, path + "." + e.getKey());
            failed |= v == null;
            out.put(e.getKey(), v);
        }
        return failed ? null : java.util.Collections.unmodifiableMap(out);
    }

    static JsonNode empty() {
        return JsonNodeFactory.instance.objectNode();
    }

    private void problem(String path, String message) {
        problems.add(new ConfigException.Problem(path, message));
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
