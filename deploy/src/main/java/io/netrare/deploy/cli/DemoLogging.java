package io.netrare.deploy.cli;

import org.apache.logging.log4j.core.config.Configurator;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Sends every log line of this JVM (services, broker) to a file, so the demo's terminal shows only its own output. */
final class DemoLogging {

    static final String FILE_PROPERTY = "netrare.demo.log";
    private static final String CONFIG = "/netrare-demo-log4j2.xml";

    private DemoLogging() {
    }

    static void toFile(Path file) {
        System.setProperty(FILE_PROPERTY, file.toAbsolutePath().toString());
        try {
            Configurator.reconfigure(DemoLogging.class.getResource(CONFIG).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot read " + CONFIG, e);
        }
    }
}
