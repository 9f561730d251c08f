package io.netrare.runtime.metrics;

import io.netrare.runtime.testing.TestCertificates;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The endpoints under slow clients, with basic authentication and over HTTPS. */
class MetricsServerIT {

    @TempDir
    Path dir;

    @Test
    void slowClientsCannotBlockLivenessAndAreDisconnected() throws Exception {
        MetricsServer server = new MetricsServer(MetricsSettings.localFreePort(), new CollectorRegistry(), () -> true);
        server.start();
        List<Socket> silent = new ArrayList<>();
        List<Socket> dripping = new ArrayList<>();
        ScheduledExecutorService drip = Executors.newSingleThreadScheduledExecutor();
        try {
            // more slow clients than worker threads: half connect and say nothing, half send a request a byte at a time
            for (int i = 0; i < 2 * MetricsServer.WORKERS; i++) {
                silent.add(connect(server.port()));
                Socket s = connect(server.port());
                s.getOutputStream().write("GET /health/live HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
                dripping.add(s);
            }
            drip.scheduleAtFixedRate(() -> dripping.forEach(s -> {
                try {
                    s.getOutputStream().write('a');
                } catch (IOException closedByTheServer) {
                    // expected once the request timeout has passed
                }
            }), 0, 300, TimeUnit.MILLISECONDS);

            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            long start = System.nanoTime();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() ->
                    client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health/live"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
            System.out.printf("/health/live answered %d ms after %d slow clients connected%n",
                    (System.nanoTime() - start) / 1_000_000, silent.size() + dripping.size());
            // the request timeout closes every slow connection, silent or dripping
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                for (Socket s : silent) {
                    assertThat(closedByPeer(s)).as("silent client disconnected").isTrue();
                }
                for (Socket s : dripping) {
                    assertThat(closedByPeer(s)).as("dripping client disconnected").isTrue();
                }
            });
        } finally {
            drip.shutdownNow();
            for (Socket s : silent) {
                s.close();
            }
            for (Socket s : dripping) {
                s.close();
            }
            server.stop();
        }
    }

    @Test
    void basicAuthGuardsMetricsButNotTheProbes() throws Exception {
        Path passwordFile = dir.resolve("metrics-password");
        Files.writeString(passwordFile, "s3cret\n");
        CollectorRegistry registry = new CollectorRegistry();
        Counter.build("netrare_test_things_total", "things").register(registry).inc();
        MetricsServer server = new MetricsServer(MetricsSettings.localFreePort()
                .withBasicAuth(new MetricsSettings.BasicAuth("prometheus", "", passwordFile)), registry, () -> true);
        server.start();
        try {
            HttpClient client = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.port();
            assertThat(get(client, base + "/metrics", null).statusCode()).isEqualTo(401);
            assertThat(get(client, base + "/metrics", "prometheus:wrong").statusCode()).isEqualTo(401);
            HttpResponse<String> ok = get(client, base + "/metrics", "prometheus:s3cret");
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).contains("netrare_test_things_total 1.0");
            assertThat(get(client, base + "/health/live", null).statusCode()).isEqualTo(200);
            assertThat(get(client, base + "/health/ready", null).statusCode()).isEqualTo(200);
        } finally {
            server.stop();
        }
    }

    @Test
    void servesHttpsThatAClientTrustingTheCaCanScrape() throws Exception {
        TestCertificates certs = TestCertificates.create(dir);
        MetricsServer server = new MetricsServer(MetricsSettings.localFreePort()
                .withTls(new MetricsSettings.Tls(certs.keystore("metrics"), certs.password(), "PKCS12")),
                new CollectorRegistry(), () -> false);
        server.start();
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(certs.truststore())) {
                trust.load(in, certs.password().toCharArray());
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            HttpClient client = HttpClient.newBuilder().sslContext(ssl).build();
            String base = "https://127.0.0.1:" + server.port();
            assertThat(get(client, base + "/metrics", null).statusCode()).isEqualTo(200);
            assertThat(get(client, base + "/health/ready", null).statusCode()).isEqualTo(503);
            assertThatThrownBy(() -> get(HttpClient.newHttpClient(), base + "/metrics", null))
                    .as("a client that does not trust the CA").isInstanceOf(IOException.class);
        } finally {
            server.stop();
        }
    }

    private static HttpResponse<String> get(HttpClient client, String url, String credentials) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
        if (credentials != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Socket connect(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.setSoTimeout(50);
        return s;
    }

    /** True once the server has closed the connection (end of stream or reset). */
    private static boolean closedByPeer(Socket s) {
        try {
            InputStream in = s.getInputStream();
            int b = in.read();
            while (b != -1) {
                b = in.read(); // a 408 or similar before the close is fine
            }
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }
}
