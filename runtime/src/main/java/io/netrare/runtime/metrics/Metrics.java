package io.netrare.runtime.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.prometheus.client.CollectorRegistry;

import java.util.Locale;

/**
 * Creates a service's meter registry: Micrometer's Prometheus registry on its own simpleclient
 * {@link CollectorRegistry} (never the static default one, so several services can share a JVM),
 * and JVM meters. Also names meters the netrare way.
 */
// The simpleclient flavour of the Prometheus registry is deprecated in favour of the 1.x client, but it is
// the one that serves a per-service CollectorRegistry through simpleclient's HTTPServer (DESIGN §8).
@SuppressWarnings("deprecation")
public final class Metrics {

    private Metrics() {
    }

    /** A new registry on a new collector registry, without JVM meters (see {@link #bindJvm}). */
    public static PrometheusMeterRegistry newRegistry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new CollectorRegistry(true), Clock.SYSTEM);
    }

    /**
     * Binds memory, GC, thread, class loader, processor and uptime meters. Close the result when the
     * registry is closed: the GC meters listen to JVM-wide notifications.
     */
    public static AutoCloseable bindJvm(MeterRegistry registry) {
        new JvmMemoryMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return gc;
    }

    /**
     * The meter name {@code netrare_<service>_<thing>}; Prometheus adds {@code _total} to counters and
     * {@code _seconds} to timers. Dashes in the service name become underscores.
     */
    public static String name(String service, String thing) {
        return "netrare_" + service.toLowerCase(Locale.ROOT).replace('-', '_') + "_" + thing;
    }
}
