package io.netrare.runtime.lifecycle;

import java.util.Optional;

/**
 * Something a service starts and stops: a Kafka loop, a reader, an HTTP server. The {@link Lifecycle}
 * starts components in registration order and stops them in reverse.
 */
public interface Component {

    /** Starts the component; returns once it is running (background work goes on its own threads). */
    void start() throws Exception;

    /** Stops the component and releases its resources; must be safe to call after a failed or no start. */
    void stop() throws Exception;

    /** True while the component can do its work; readiness is the conjunction over all components. */
    default boolean healthy() {
        return true;
    }

    /** The error that made the component give up, if any: the service then stops (and a Main exits non-zero). */
    default Optional<Throwable> failure() {
        return Optional.empty();
    }

    /** Name used in logs and health output. */
    default String name() {
        String simple = getClass().getSimpleName();
        return simple.isEmpty() ? getClass().getName() : simple;
    }
}
