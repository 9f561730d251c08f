package io.netrare.deploy.cli;

import io.netrare.deploy.security.TopicsConfig;
import io.netrare.runtime.config.ConfigException;
import io.netrare.runtime.config.ConfigLoader;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What several commands do alike with their options: the administrator's config, an option with fixed values. */
final class CommandSupport {

    private CommandSupport() {
    }

    /**
     * The topics/administrator config ({@code kafka} and {@code topics} sections; defaults when {@code file} is
     * null), with {@code NETRARE_<PATH>} environment overrides; empty, with the reason printed on the command's
     * error stream, when it is invalid.
     */
    static Optional<TopicsConfig> topicsConfig(Path file, CommandLine.Model.CommandSpec spec) {
        try {
            return Optional.of(new ConfigLoader(System.getenv()).load(file, TopicsConfig.class));
        } catch (ConfigException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return Optional.empty();
        }
    }

    /** The value an option's text names, one of {@code choices} (in the order the error message lists them). */
    @SafeVarargs
    static <T> T oneOf(CommandLine.Model.CommandSpec spec, String option, String text, Map.Entry<String, T>... choices) {
        for (Map.Entry<String, T> c : choices) {
            if (c.getKey().equals(text)) {
                return c.getValue();
            }
        }
        throw new CommandLine.ParameterException(spec.commandLine(), option + " must be "
                + Stream.of(choices).map(Map.Entry::getKey).collect(Collectors.joining(" or ")) + ", not " + text);
    }

    /** Refuses an input that is a plain path to nothing (a pattern may match nothing yet): a typo must not read nothing. */
    static void requireInputsExist(CommandLine.Model.CommandSpec spec, String option, java.util.List<java.nio.file.Path> inputs) {
        if (inputs != null) {
            io.netrare.ingest.files.FilePatterns.firstMissing(inputs).ifPresent(p -> {
                throw new CommandLine.ParameterException(spec.commandLine(), option + ": no such file or directory: " + p);
            });
        }
    }
}
