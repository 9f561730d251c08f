package io.netrare.runtime.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.netrare.runtime.lifecycle.Component;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exporter.HTTPServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

import static java.util.Objects.requireNonNull;

/**
 * Serves {@code /metrics} (Prometheus text format 0.0.4, or OpenMetrics when asked), {@code /health/live}
 * (200 while the process runs) and {@code /health/ready} (200 when every component started and is
 * healthy, 503 otherwise). Port 0 binds a free port; {@link #port()} tells which.
 */
public final class MetricsServer implements Component {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);

    private final MetricsSettings settings;
    private final CollectorRegistry registry;
    private final BooleanSupplier ready;
    private HTTPServer server;
    private volatile int port = -1;

    /**
     * @param ready readiness check, usually {@code lifecycle::ready}
     */
    public MetricsServer(MetricsSettings settings, CollectorRegistry registry, BooleanSupplier ready) {
        this.settings = requireNonNull(settings, "settings is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.ready = requireNonNull(ready, "ready is null");
    }

    @Override
    public synchronized void start() throws IOException {
        if (!settings.enabled() || server != null) {
            return;
        }
        HttpServer http = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 16);
        http.createContext("/health/live", ex -> respond(ex, 200, "live\n"));
        http.createContext("/health/ready", ex -> {
            boolean ok = ready.getAsBoolean();
            respond(ex, ok ? 200 : 503, ok ? "ready\n" : "not ready\n");
        });
        // HTTPServer adds "/" and "/metrics" to our server, sets a daemon executor and starts it.
        server = new HTTPServer.Builder().withHttpServer(http).withRegistry(registry).withDaemonThreads(true).build();
        port = server.getPort();
        LOG.info("metrics and health on http://{}:{}/metrics", settings.host(), port);
    }

    private static void respond(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** The bound port, or -1 before start (or when disabled). */
    public int port() {
        return port;
    }

    @Override
    public String name() {
        return "metrics-server";
    }
}
