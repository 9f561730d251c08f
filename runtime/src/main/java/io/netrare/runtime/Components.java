package io.netrare.runtime;

import com.google.inject.Binder;
import com.google.inject.multibindings.Multibinder;
import io.netrare.runtime.lifecycle.Component;

/**
 * Registers lifecycle components in a service's Guice module. Components start in the order they
 * are registered (after the metrics server) and stop in reverse.
 *
 * <pre>{@code
 * Components.add(binder(), KafkaLoop.class);   // KafkaLoop bound elsewhere, e.g. by a @Provides method
 * }</pre>
 */
public final class Components {

    private Components() {
    }

    /** Adds a component; {@code type} must itself be bound (explicit bindings are required). */
    public static void add(Binder binder, Class<? extends Component> type) {
        Multibinder.newSetBinder(binder, Component.class).addBinding().to(type);
    }

    /** Adds a component instance. */
    public static void add(Binder binder, Component component) {
        Multibinder.newSetBinder(binder, Component.class).addBinding().toInstance(component);
    }
}
