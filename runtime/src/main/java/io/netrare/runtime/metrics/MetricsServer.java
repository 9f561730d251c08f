package io.netrare.runtime.metrics;

import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.netrare.runtime.lifecycle.Component;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exporter.HTTPServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static java.util.Objects.requireNonNull;

/**
 * Serves {@code /metrics} (Prometheus text format 0.0.4, or OpenMetrics when asked), {@code /health/live}
 * (200 while the process runs) and {@code /health/ready} (200 when every component started and is
 * healthy, 503 otherwise). Port 0 binds a free port; {@link #port()} tells which. Optionally over HTTPS and
 * with basic authentication of {@code /metrics} ({@link MetricsSettings}).
 *
 * <p>Slow clients: the JDK server reads a request on a worker thread, so a client that sends its request a
 * byte at a time holds a thread. The server therefore closes any connection whose request is not read within
 * {@link #REQUEST_TIMEOUT_SECONDS} or whose response is not taken within {@link #RESPONSE_TIMEOUT_SECONDS},
 * and idle keep-alive connections after {@link #IDLE_TIMEOUT_SECONDS}; {@link #WORKERS} workers share a queue,
 * so a probe waits at most about one request timeout however many slow clients there are. The JDK reads these
 * limits once per JVM, when its first HTTP server is created, from the {@code sun.net.httpserver.*} system
 * properties: this class sets them as it loads (unless already set), before it creates a server.
 */
public final class MetricsServer implements Component {

    /** Seconds a client has to send its whole request ({@code sun.net.httpserver.maxReqTime}). */
    public static final int REQUEST_TIMEOUT_SECONDS = 10;
    /** Seconds a client has to take the whole response ({@code sun.net.httpserver.maxRspTime}). */
    public static final int RESPONSE_TIMEOUT_SECONDS = 30;
    /** Seconds an idle keep-alive connection stays open ({@code sun.net.httpserver.idleInterval}). */
    public static final int IDLE_TIMEOUT_SECONDS = 30;
    /** Worker threads serving requests. */
    public static final int WORKERS = 8;

    private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);

    static {
        // before any HttpServer exists: the JDK's ServerConfig reads them once, in its static initializer
        setIfAbsent("sun.net.httpserver.maxReqTime", Integer.toString(REQUEST_TIMEOUT_SECONDS));
        setIfAbsent("sun.net.httpserver.maxRspTime", Integer.toString(RESPONSE_TIMEOUT_SECONDS));
        setIfAbsent("sun.net.httpserver.idleInterval", Integer.toString(IDLE_TIMEOUT_SECONDS));
        setIfAbsent("sun.net.httpserver.maxIdleConnections", "64");
    }

    private final MetricsSettings settings;
    private final CollectorRegistry registry;
    private final BooleanSupplier ready;
    private HttpServer server;
    private ExecutorService workers;
    private volatile int port = -1;

    /**
     * @param ready readiness check, usually {@code lifecycle::ready}
     */
    public MetricsServer(MetricsSettings settings, CollectorRegistry registry, BooleanSupplier ready) {
        this.settings = requireNonNull(settings, "settings is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.ready = requireNonNull(ready, "ready is null");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    @Override
    public synchronized void start() throws IOException {
        if (!settings.enabled() || server != null) {
            return;
        }
        InetSocketAddress address = new InetSocketAddress(settings.host(), settings.port());
        HttpServer http;
        if (settings.tls().enabled()) {
            HttpsServer https = HttpsServer.create(address, 64);
            https.setHttpsConfigurator(new HttpsConfigurator(sslContext(settings.tls())));
            http = https;
        } else {
            http = HttpServer.create(address, 64);
        }
        http.createContext("/health/live", ex -> respond(ex, 200, "live\n"));
        http.createContext("/health/ready", ex -> {
            boolean ok = ready.getAsBoolean();
            respond(ex, ok ? 200 : 503, ok ? "ready\n" : "not ready\n");
        });
        HTTPServer.HTTPMetricHandler metrics = new HTTPServer.HTTPMetricHandler(registry);
        BasicAuthenticator auth = settings.basicAuth().enabled() ? authenticator(settings.basicAuth()) : null;
        for (String path : new String[] {"/", "/metrics"}) {
            HttpContext context = http.createContext(path, metrics);
            if (auth != null) {
                context.setAuthenticator(auth);
            }
        }
        workers = workers();
        http.setExecutor(workers);
        http.start();
        server = http;
        port = http.getAddress().getPort();
        LOG.info("metrics and health on {}://{}:{}/metrics{}", settings.tls().enabled() ? "https" : "http",
                settings.host(), port, settings.basicAuth().enabled() ? " (basic auth)" : "");
    }

    private static ExecutorService workers() {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(WORKERS, WORKERS, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "netrare-metrics-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    static SSLContext sslContext(MetricsSettings.Tls tls) throws IOException {
        try (InputStream in = Files.newInputStream(tls.keystore())) {
            KeyStore ks = KeyStore.getInstance(tls.keystoreType());
            char[] password = tls.keystorePassword().toCharArray();
            ks.load(in, password);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot load the metrics key store " + tls.keystore() + ": " + e.getMessage(), e);
        }
    }

    static BasicAuthenticator authenticator(MetricsSettings.BasicAuth auth) throws IOException {
        String password = auth.passwordFile() != null
                ? Files.readString(auth.passwordFile()).strip() : auth.password();
        byte[] expectedUser = auth.username().getBytes(StandardCharsets.UTF_8);
        byte[] expectedPassword = password.getBytes(StandardCharsets.UTF_8);
        return new BasicAuthenticator("netrare") {
            @Override
            public boolean checkCredentials(String user, String pass) {
                // constant-time comparisons: the time taken says nothing about how close a guess was
                boolean userOk = MessageDigest.isEqual(expectedUser, user.getBytes(StandardCharsets.UTF_8));
                boolean passOk = MessageDigest.isEqual(expectedPassword, pass.getBytes(StandardCharsets.UTF_8));
                return userOk & passOk;
            }
        };
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
            server.stop(0);
            server = null;
        }
        if (workers != null) {
            workers.shutdownNow();
            workers = null;
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
