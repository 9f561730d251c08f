package io.netrare.schema.spi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.WeakHashMap;

/** The {@link ModelPlugin}s found per class loader: the classpath is scanned once for each. */
final class DiscoveredPlugins {

    private static final Map<ClassLoader, List<ModelPlugin>> BY_LOADER = new WeakHashMap<>();

    private DiscoveredPlugins() {
    }

    /** The plugins {@code loader} sees (null: the system class loader), sorted by type. */
    static synchronized List<ModelPlugin> of(ClassLoader loader) {
        return BY_LOADER.computeIfAbsent(loader, l -> {
            List<ModelPlugin> all = new ArrayList<>();
            ServiceLoader.load(ModelPlugin.class, l).forEach(all::add);
            all.sort(Comparator.comparing(ModelPlugin::type));
            return List.copyOf(all);
        });
    }
}
