package io.netrare.alerting.sink;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The elasticsearch sink over TLS to a server whose certificate is signed by no public CA: it connects with
 * the configured trust store (its password from a secret file), and not without it.
 */
class ElasticsearchSinkTlsIT {

    @TempDir
    Path dir;
    private HttpsServer server;
    private final AtomicInteger bulks = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        Path keyStore = dir.resolve("server.p12");
        keytool("-genkeypair", "-alias", "es", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-keystore", keyStore.toString(), "-storetype", "PKCS12",
                "-storepass", "server-pw", "-keypass", "server-pw");
        keytool("-exportcert", "-alias", "es", "-keystore", keyStore.toString(), "-storepass", "server-pw", "-rfc",
                "-file", dir.resolve("es.pem").toString());
        keytool("-importcert", "-noprompt", "-alias", "es", "-file", dir.resolve("es.pem").toString(), "-keystore",
                dir.resolve("trust.p12").toString(), "-storetype", "PKCS12", "-storepass", "trust-pw");

        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            ks.load(in, "server-pw".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "server-pw".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/_bulk", exchange -> {
            exchange.getRequestBody().readAllBytes();
            bulks.incrementAndGet();
            byte[] body = "{\"errors\":false,\"items\":[{\"index\":{\"status\":201}}]}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
    }

    private ElasticsearchSinkConfig config(Path trustStore) {
        return new ElasticsearchSinkConfig(true, "https://127.0.0.1:" + server.getAddress().getPort(), null, null,
                null, null, null, trustStore, trustStore == null ? null : "file:" + dir.resolve("trust-password"), null, Duration.ofSeconds(5));
    }

    @Test
    void connectsWithTheConfiguredTrustStoreOnly() throws Exception {
        var alert = TestAlerts.alert("rec-1", Instant.parse("2026-11-27T10:15:00Z"));
        Files.writeString(dir.resolve("trust-password"), "trust-pw\n"); // as a mounted secret file
        new ElasticsearchSink(config(dir.resolve("trust.p12"))).deliver(alert);
        assertThat(bulks.get()).isEqualTo(1);

        ElasticsearchSink untrusting = new ElasticsearchSink(config(null));
        assertThatThrownBy(() -> untrusting.deliver(alert)).isInstanceOf(DeliveryException.class)
                .hasMessageContaining("unreachable");
        assertThat(bulks.get()).isEqualTo(1);
    }
}
