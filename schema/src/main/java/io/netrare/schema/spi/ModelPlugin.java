package io.netrare.schema.spi;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How a service finds a model implementation it does not compile against: each implementation jar
 * lists its plugin in {@code META-INF/services/io.netrare.schema.spi.ModelPlugin}, and the training and
 * scoring services and {@code netrare score} load the one whose {@link #type()} their config names. Adding
 * a model is a jar on the classpath plus a config change; no list of models exists anywhere else. One
 * instance of each plugin serves every caller, so a plugin holds no state (its providers do).
 */
public interface ModelPlugin {

    /** The name config uses: rare, first_seen, peer_rare, or a third party's. */
    String type();

    /**
     * The provider for a job, with the implementation's own settings (the string values of the service
     * config's {@code job.model_settings}). A key the implementation does not read, or a bad value, is an
     * {@link IllegalArgumentException} naming every problem ({@link ModelSettingsReader} does that).
     */
    ModelProvider provider(JobSpec job, Map<String, String> settings);

    /**
     * Every setting the implementation reads, with its default written as {@code job.model_settings} takes
     * it; {@code provider(job, defaultSettings())} equals {@code provider(job, Map.of())}. Empty for a model
     * without settings.
     */
    default SortedMap<String, String> defaultSettings() {
        return new TreeMap<>();
    }

    /**
     * Every plugin on the classpath (of the thread's context class loader), by type. The classpath is
     * scanned once per class loader; plugins are stateless, so the same instances serve every caller.
     */
    static List<ModelPlugin> available() {
        return DiscoveredPlugins.of(Thread.currentThread().getContextClassLoader());
    }

    /** The plugin of a type, from the classpath. */
    static ModelPlugin load(String type) {
        List<ModelPlugin> all = available();
        for (ModelPlugin plugin : all) {
            if (plugin.type().equals(type)) {
                return plugin;
            }
        }
        throw new IllegalArgumentException("no model implementation of type '" + type + "' on the classpath"
                + (all.isEmpty() ? " (none found)" : "; found: " + String.join(", ", all.stream().map(ModelPlugin::type).toList())));
    }
}
