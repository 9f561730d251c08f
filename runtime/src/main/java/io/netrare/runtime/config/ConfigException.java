package io.netrare.runtime.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Every problem found in a configuration, reported together, so an operator fixes them in one go.
 */
public final class ConfigException extends RuntimeException {

    private static final java.util.regex.Pattern QUOTED = java.util.regex.Pattern.compile("'[^']*'");

    private final List<Problem> problems;

    public ConfigException(String source, List<Problem> problems) {
        super(message(source, problems));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    /**
     * One problem.
     *
     * @param path    dotted config path, e.g. {@code kafka.bootstrap_servers}; empty for the root
     * @param message what is wrong and, where possible, how to fix it
     */
    public record Problem(String path, String message) {

        /**
         * Masks what a message may echo of a secret: URLs lose user info and query values, and a problem at
         * a secret-looking path ({@link ConfigPrinter#isSecretKey}) shows no quoted value.
         */
        public Problem {
            message = ConfigPrinter.maskUrlsIn(message);
            // the whole dotted path: map keys hold dots themselves (kafka.properties.ssl.keystore.key)
            if (ConfigPrinter.isSecretKey(path)) {
                message = QUOTED.matcher(message).replaceAll("'" + ConfigPrinter.MASK + "'");
            }
        }

        @Override
        public String toString() {
            return (path.isEmpty() ? "<root>" : path) + ": " + message;
        }
    }

    private static String message(String source, List<Problem> problems) {
        return problems.size() + " configuration error" + (problems.size() == 1 ? "" : "s") + " in " + source + ":\n"
                + problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n"));
    }
}
