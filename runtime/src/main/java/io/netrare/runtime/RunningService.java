package io.netrare.runtime;

import com.google.inject.Injector;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.netrare.runtime.lifecycle.Lifecycle;
import io.netrare.runtime.metrics.MetricsServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A started service. It stops when {@link #stop()} is called or when a component fails (a watcher
 * thread notices within 200 ms); {@link #awaitTermination()} blocks until then.
 */
// The simpleclient flavour of the Prometheus registry is deprecated in favour of the 1.x client, but it is
// the one that serves a per-service CollectorRegistry through simpleclient's HTTPServer (DESIGN §8).
@SuppressWarnings("deprecation")
public final class RunningService<C extends ServiceConfig> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunningService.class);

    private final ServiceName service;
    private final C config;
    private final Injector injector;
    private final Lifecycle lifecycle;
    private final MetricsServer metricsServer;
    private final PrometheusMeterRegistry registry;
    private final AutoCloseable jvmMeters;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Throwable failure;

    RunningService(ServiceName service, C config, Injector injector, Lifecycle lifecycle, MetricsServer metricsServer,
                   PrometheusMeterRegistry registry, AutoCloseable jvmMeters) {
        this.jvmMeters = jvmMeters;
        this.service = service;
        this.config = config;
        this.injector = injector;
        this.lifecycle = lifecycle;
        this.metricsServer = metricsServer;
        this.registry = registry;
        Thread watcher = new Thread(this::watch, "netrare-" + service + "-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    private void watch() {
        while (stopped.getCount() > 0) {
            Optional<Throwable> f = lifecycle.failure();
            if (f.isPresent()) {
                failure = f.get();
                LOG.error("{} stops: a component failed", service, f.get());
                stop();
                return;
            }
            try {
                stopped.await(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops every component in reverse order and closes the meter registry. Idempotent. */
    public void stop() {
        synchronized (this) {
            if (stopped.getCount() == 0) {
                return;
            }
            LOG.info("stopping {}", service);
            lifecycle.stop();
            ServiceRunner.closeQuietly(jvmMeters);
            registry.close();
            stopped.countDown();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Blocks until stopped; returns the component failure that stopped it, if any. */
    public Optional<Throwable> awaitTermination() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.ofNullable(failure);
    }

    /** Waits up to {@code timeout}; true when stopped. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The failure that stopped the service, if any. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    public boolean ready() {
        return lifecycle.ready();
    }

    /** The bound metrics/health port (-1 when metrics are disabled). */
    public int metricsPort() {
        return metricsServer.port();
    }

    public ServiceName service() {
        return service;
    }

    public C config() {
        return config;
    }

    public Injector injector() {
        return injector;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }
}
