package io.netrare.schema.spi;

import java.util.Map;
import java.util.ServiceLoader;

/**
 * How a service finds a model implementation it does not compile against: each implementation jar
 * lists its plugin in {@code META-INF/services/io.netrare.schema.spi.ModelPlugin}, and the training and
 * scoring services load the one whose {@link #type()} their config names. Swapping the model is a config
 * change plus, for a new implementation, a jar on the classpath.
 */
public interface ModelPlugin {

    /** The name config uses: rare, first_seen, peer_rare. */
    String type();

    /**
     * The provider for a job, with the implementation's own settings (string values from the service
     * config's {@code job.model_settings}; unknown keys must be rejected with a clear message).
     */
    ModelProvider provider(JobSpec job, Map<String, String> settings);

    /** The plugin of a type, from the classpath. */
    static ModelPlugin load(String type) {
        StringBuilder known = new StringBuilder();
        for (ModelPlugin plugin : ServiceLoader.load(ModelPlugin.class)) {
            if (plugin.type().equals(type)) {
                return plugin;
            }
            known.append(known.length() == 0 ? "" : ", ").append(plugin.type());
        }
        throw new IllegalArgumentException("no model implementation of type '" + type + "' on the classpath"
                + (known.length() == 0 ? " (none found)" : "; found: " + known));
    }
}
