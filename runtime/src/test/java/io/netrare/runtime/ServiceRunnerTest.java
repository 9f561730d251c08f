package io.netrare.runtime;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import io.netrare.runtime.kafka.KafkaSettings;
import io.netrare.runtime.lifecycle.Component;
import io.netrare.runtime.lifecycle.Lifecycle;
import io.netrare.runtime.metrics.MetricsSettings;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bootstrap without a broker: injector, lifecycle, health endpoints, the main's exit codes. */
class ServiceRunnerTest {

    record PlainConfig(KafkaSettings kafka, MetricsSettings metrics, String greeting) implements ServiceConfig {
        static PlainConfig defaults() {
            return new PlainConfig(KafkaSettings.defaults(), MetricsSettings.localFreePort(), "hello");
        }
    }

    static final class Switch implements Component {
        final AtomicBoolean healthy = new AtomicBoolean(true);
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final String greeting;

        @Inject
        Switch(PlainConfig config) {
            this.greeting = config.greeting();
        }

        @Override
        public void start() {
        }

        @Override
        public void stop() {
        }

        @Override
        public boolean healthy() {
            return healthy.get();
        }

        @Override
        public Optional<Throwable> failure() {
            return Optional.ofNullable(failure.get());
        }
    }

    static final class SwitchModule extends AbstractModule {
        SwitchModule(PlainConfig config) {
        }

        @Override
        protected void configure() {
            bind(Switch.class).in(com.google.inject.Singleton.class);
            Components.add(binder(), Switch.class);
        }
    }

    static final class Unbound {
        @Inject
        Unbound() {
        }
    }

    static final class NeedsUnbound implements Component {
        @Inject
        NeedsUnbound(Unbound u) {
        }

        @Override
        public void start() {
        }

        @Override
        public void stop() {
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();

    private int status(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void readinessFollowsComponentsAndAFailureStopsTheService() throws Exception {
        RunningService<PlainConfig> running = ServiceRunner.of("plain", PlainConfig.class, SwitchModule::new)
                .start(PlainConfig.defaults());
        Switch component = running.injector().getInstance(Switch.class);
        assertThat(component.greeting).isEqualTo("hello");
        int port = running.metricsPort();
        assertThat(status(port, "/health/live")).isEqualTo(200);
        assertThat(status(port, "/health/ready")).isEqualTo(200);
        component.healthy.set(false);
        assertThat(status(port, "/health/ready")).isEqualTo(503);
        assertThat(status(port, "/metrics")).isEqualTo(200);

        component.failure.set(new IllegalStateException("gave up"));
        assertThat(running.awaitTermination(Duration.ofSeconds(5))).isTrue();
        assertThat(running.failure()).get().extracting(Throwable::getMessage).isEqualTo("gave up");
        assertThatThrownBy(() -> status(port, "/health/live")).isInstanceOf(ConnectException.class);
    }

    @Test
    void explicitBindingsAreRequired() {
        ServiceRunner<PlainConfig> runner = ServiceRunner.of("plain", PlainConfig.class, c -> new AbstractModule() {
            @Override
            protected void configure() {
                bind(NeedsUnbound.class);
                Components.add(binder(), NeedsUnbound.class);
            }
        });
        assertThatThrownBy(() -> runner.start(PlainConfig.defaults())).isInstanceOf(CreationException.class)
                .hasMessageContaining("Unbound");
    }

    @Test
    void aFailedStartStopsTheMetricsServerAgain() {
        ServiceRunner<PlainConfig> runner = ServiceRunner.of("plain", PlainConfig.class, c -> new AbstractModule() {
            @Override
            protected void configure() {
                Components.add(binder(), new Component() {
                    @Override
                    public void start() {
                        throw new IllegalStateException("no way");
                    }

                    @Override
                    public void stop() {
                    }
                });
            }
        });
        assertThatThrownBy(() -> runner.start(PlainConfig.defaults())).isInstanceOf(Lifecycle.LifecycleException.class)
                .hasMessageContaining("no way");
    }

    @Test
    void mainPrintsTheMaskedConfigAndRejectsBadConfig(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("good.yaml");
        Files.writeString(good, "greeting: hi\nkafka:\n  properties:\n    sasl.jaas.config: topsecret\n");
        ServiceRunner<PlainConfig> runner = ServiceRunner.of("plain", PlainConfig.class, SwitchModule::new);
        PrintStream original = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(runner.run(new String[] {"--config", good.toString(), "--print-config"})).isZero();
            Path bad = dir.resolve("bad.yaml");
            Files.writeString(bad, "greetin: hi\nmetrics:\n  port: -1\n");
            assertThat(runner.run(new String[] {"--config", bad.toString()})).isEqualTo(1);
            assertThat(runner.run(new String[] {"--bogus"})).isEqualTo(2);
        } finally {
            System.setOut(original);
            System.setErr(originalErr);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("greeting: hi").contains("sasl.jaas.config: '****'")
                .doesNotContain("topsecret");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("2 configuration errors")
                .contains("did you mean 'greeting'?").contains("metrics: port must be in [0, 65535]");
    }

    @Test
    void configIsLoadedFromFileAndEnvironment(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, "greeting: from-file\n");
        PlainConfig c = ServiceRunner.of("plain", PlainConfig.class, SwitchModule::new)
                .loadConfig(file, Map.of("NETRARE_GREETING", "from-env"));
        assertThat(c.greeting()).isEqualTo("from-env");
    }
}
