package io.netrare.deploy.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** {@code netrare version}: the build's version, and the Java it runs on. */
@Command(name = "version", description = "Prints the netrare version.")
public final class VersionCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().getOut().println("netrare " + version() + " (Java " + Runtime.version() + ")");
    }

    /** The version Maven filtered into {@code netrare-version.properties}. */
    public static String version() {
        try (InputStream in = VersionCommand.class.getResourceAsStream("/netrare-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Feeds {@code netrare --version}. */
    public static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"netrare " + version()};
        }
    }
}
