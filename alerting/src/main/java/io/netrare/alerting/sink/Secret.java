package io.netrare.alerting.sink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * A reference to a secret value, never the value itself in config: {@code env:NAME} (environment variable)
 * or {@code file:/path} (file content, trailing newline dropped, as Kubernetes and Docker mount secrets).
 * {@link #toString()} shows the reference only, so a printed config or a log line cannot leak the value.
 * The sinks resolve their secrets on every request, so a rotated file (a Kubernetes secret update, a new
 * token written in place) takes effect with the next alert, without a restart.
 */
public record Secret(String reference) {

    public Secret {
        requireNonNull(reference, "reference is null");
        if (!reference.startsWith("env:") && !reference.startsWith("file:")) {
            throw new IllegalArgumentException("secret reference '" + reference.replaceAll(".", "*")
                    + "' must be env:NAME or file:/path");
        }
    }

    /** Resolves the value from the process environment or the file system. */
    public String resolve() {
        return resolve(System::getenv);
    }

    /** Resolves with a given environment (tests). */
    public String resolve(Function<String, String> environment) {
        if (reference.startsWith("env:")) {
            String name = reference.substring(4);
            String value = environment.apply(name);
            if (value == null) {
                throw new IllegalStateException("secret " + reference + " is not set");
            }
            return value;
        }
        Path path = Path.of(reference.substring(5));
        try {
            return Files.readString(path, StandardCharsets.UTF_8).stripTrailing();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read secret " + reference, e);
        }
    }

    /**
     * Resolves every secret, for one request.
     *
     * @throws DeliveryException (an authentication failure) when one cannot be read
     */
    static Map<String, String> resolveAll(String sink, Map<String, Secret> secrets, Function<String, String> environment)
            throws DeliveryException {
        java.util.LinkedHashMap<String, String> values = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Secret> e : secrets.entrySet()) {
            try {
                values.put(e.getKey(), e.getValue().resolve(environment));
            } catch (RuntimeException ex) {
                throw DeliveryException.credentials(sink, ex.getMessage());
            }
        }
        return values;
    }

    @Override
    public String toString() {
        return "Secret[" + reference + "]";
    }
}
