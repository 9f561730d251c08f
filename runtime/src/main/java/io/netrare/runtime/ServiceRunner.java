package io.netrare.runtime;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.Stage;
import com.google.inject.TypeLiteral;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.netrare.runtime.config.ConfigException;
import io.netrare.runtime.config.ConfigLoader;
import io.netrare.runtime.config.ConfigPrinter;
import io.netrare.runtime.lifecycle.Component;
import io.netrare.runtime.lifecycle.Lifecycle;
import io.netrare.runtime.metrics.Metrics;
import io.netrare.runtime.metrics.MetricsServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * Runs a service: config → injector ({@code Stage.PRODUCTION}, explicit bindings) → lifecycle start.
 * Holds no static state, so one JVM can run several services (each its own injector, registry and
 * metrics port).
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     ServiceRunner.of("ingest", IngestConfig.class, IngestModule::new).main(args);
 * }
 * }</pre>
 *
 * @param <C> the service's config record
 */
// The simpleclient flavour of the Prometheus registry is deprecated in favour of the 1.x client, but it is
// the one that serves a per-service CollectorRegistry through simpleclient's HTTPServer (DESIGN §8).
@SuppressWarnings("deprecation")
public final class ServiceRunner<C extends ServiceConfig> {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceRunner.class);

    private final ServiceName service;
    private final Class<C> configType;
    private final Function<C, ? extends Module> modules;
    private Clock clock = Clock.systemUTC();

    private ServiceRunner(ServiceName service, Class<C> configType, Function<C, ? extends Module> modules) {
        this.service = requireNonNull(service, "service is null");
        this.configType = requireNonNull(configType, "configType is null");
        this.modules = requireNonNull(modules, "modules is null");
    }

    /**
     * @param service    the service name ({@code ingest}, {@code model}, {@code scoring}, {@code alerting})
     * @param configType its config record
     * @param modules    builds the service's Guice module(s) from the loaded config
     */
    public static <C extends ServiceConfig> ServiceRunner<C> of(String service, Class<C> configType,
                                                                Function<C, ? extends Module> modules) {
        return new ServiceRunner<>(new ServiceName(service), configType, modules);
    }

    /** Replaces the clock bound in the injector (tests). */
    public ServiceRunner<C> withClock(Clock c) {
        this.clock = requireNonNull(c, "clock is null");
        return this;
    }

    public ServiceName service() {
        return service;
    }

    /** Loads and validates the config: file (may be null) plus {@code NETRARE_*} overrides from {@code env}. */
    public C loadConfig(Path file, Map<String, String> env) {
        return new ConfigLoader(env).load(file, configType);
    }

    /** Builds the injector and starts every component; throws if a start fails (started ones are stopped). */
    public RunningService<C> start(C config) {
        requireNonNull(config, "config is null");
        PrometheusMeterRegistry registry = Metrics.newRegistry();
        AutoCloseable jvmMeters = Metrics.bindJvm(registry);
        try {
            Injector injector = Guice.createInjector(Stage.PRODUCTION,
                    new RuntimeModule<>(service, configType, config, registry, clock), modules.apply(config));
            Set<Component> components = injector.getInstance(Key.get(new TypeLiteral<Set<Component>>() { }));
            List<Component> ordered = new ArrayList<>();
            Lifecycle[] holder = new Lifecycle[1];
            MetricsServer metricsServer = new MetricsServer(config.metrics(), registry.getPrometheusRegistry(),
                    () -> holder[0] != null && holder[0].ready());
            ordered.add(metricsServer);
            ordered.addAll(components);
            Lifecycle lifecycle = new Lifecycle(ordered);
            holder[0] = lifecycle;
            LOG.info("starting {} with {} component(s)", service, ordered.size());
            lifecycle.start();
            return new RunningService<>(service, config, injector, lifecycle, metricsServer, registry, jvmMeters);
        } catch (RuntimeException | Error e) {
            closeQuietly(jvmMeters);
            registry.close();
            throw e;
        }
    }

    static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.debug("close failed", e);
        }
    }

    /** Loads config from {@code file} and the process environment, then starts. */
    public RunningService<C> start(Path file) {
        return start(loadConfig(file, System.getenv()));
    }

    /**
     * A service's {@code main}: {@code [--config FILE] [--print-config]}. Stops on SIGTERM (shutdown hook)
     * and exits 1 when a component fails or the config is invalid (all problems printed), 0 otherwise.
     */
    public void main(String[] args) {
        System.exit(run(args));
    }

    /** {@link #main} without {@code System.exit}: returns the exit code. */
    public int run(String[] args) {
        Path file = null;
        boolean print = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config", "-c" -> {
                    if (i + 1 >= args.length) {
                        System.err.println("--config needs a file");
                        return 2;
                    }
                    file = Path.of(args[++i]);
                }
                case "--print-config" -> print = true;
                default -> {
                    System.err.println("usage: " + service + " [--config FILE] [--print-config]; unknown argument " + args[i]);
                    return 2;
                }
            }
        }
        C config;
        try {
            config = loadConfig(file, System.getenv());
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return 1;
        }
        if (print) {
            System.out.print(ConfigPrinter.toYaml(config));
            return 0;
        }
        LOG.info("effective configuration of {}:\n{}", service, ConfigPrinter.toYaml(config));
        RunningService<C> running;
        try {
            running = start(config);
        } catch (RuntimeException e) {
            LOG.error("{} failed to start", service, e);
            return 1;
        }
        Thread hook = new Thread(running::stop, "netrare-" + service + "-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Optional<Throwable> failure = running.awaitTermination();
        return failure.isPresent() ? 1 : 0;
    }
}
