package io.netrare.alerting.sink;

import com.fasterxml.jackson.databind.JsonNode;
import io.netrare.schema.Alert;
import io.netrare.schema.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The Alertmanager sink against a real Alertmanager that serves TLS with a certificate the test makes
 * (openssl) and requires basic auth (its web config): with the trust store and the password file the alert
 * arrives; a wrong password is an authentication failure (HTTP 401), and without the trust store the TLS
 * handshake fails. Skipped without the binaries, except under CI=true.
 */
class AlertmanagerTlsAuthIT {

    private static final Path BINARY = Path.of(System.getenv().getOrDefault("NETRARE_ALERTMANAGER_BIN",
            "/usr/bin/prometheus-alertmanager"));
    private static final Path OPENSSL = Path.of("/usr/bin/openssl");
    /** bcrypt of "am-s3cret" (cost 5), as Alertmanager's web config wants it. */
    private static final String HASH = "$2a$05$abcdefghijklmnopqrstuuyMNIcHpTvEVzCN/7QYCtb/HoSFlaG02";

    @TempDir
    Path dir;
    private Process alertmanager;

    @AfterEach
    void stop() throws InterruptedException {
        if (alertmanager != null) {
            alertmanager.destroy();
            if (!alertmanager.waitFor(10, TimeUnit.SECONDS)) {
                alertmanager.destroyForcibly();
            }
        }
    }

    @Test
    void tlsTrustAndBasicAuthReachAnAlertmanagerThatRequiresThem() throws Exception {
        for (Path binary : new Path[] {BINARY, OPENSSL}) {
            if (!Files.isExecutable(binary)) {
                String hint = binary + " is missing: apt-get install -y prometheus-alertmanager openssl";
                if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                    throw new IllegalStateException(hint);
                }
                Assumptions.abort(hint);
            }
        }
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Process openssl = new ProcessBuilder(OPENSSL.toString(), "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key.toString(), "-out", cert.toString(),
                "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1")
                .redirectErrorStream(true).redirectOutput(dir.resolve("openssl.log").toFile()).start();
        assertThat(openssl.waitFor(60, TimeUnit.SECONDS) && openssl.exitValue() == 0).as("openssl made a certificate").isTrue();
        Path trustStore = dir.resolve("trust.p12");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (InputStream in = Files.newInputStream(cert)) {
            store.setCertificateEntry("alertmanager", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            store.store(out, "trust-pass".toCharArray());
        }
        Path trustPassword = Files.writeString(dir.resolve("trust-password"), "trust-pass\n");
        Path password = Files.writeString(dir.resolve("am-password"), "am-s3cret\n");
        Path wrong = Files.writeString(dir.resolve("wrong-password"), "guess\n");

        URI base = startAlertmanager(cert, key);
        HttpClient reader = HttpClient.newBuilder().sslContext(context(store)).build();
        String basic = "Basic " + Base64.getEncoder().encodeToString("netrare:am-s3cret".getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> get(reader, base, "/-/ready", basic).statusCode() == 200);

        AlertmanagerSinkConfig config = AlertmanagerSinkConfig.at(base.toString())
                .withTrustStore(trustStore, "file:" + trustPassword, "PKCS12");
        Alert alert = TestAlerts.alert("rec-tls", Instant.now());

        new AlertmanagerSink(config.withBasicAuth("netrare", "file:" + password), DeliveryConfig.defaults()).deliver(alert);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode alerts = Json.mapper().readTree(get(reader, base, "/api/v2/alerts", basic).body());
            assertThat(alerts).singleElement().satisfies(a ->
                    assertThat(a.get("labels").get("alert_id").asText()).isEqualTo(alert.alertId()));
        });

        assertThatThrownBy(() -> new AlertmanagerSink(config.withBasicAuth("netrare", "file:" + wrong),
                DeliveryConfig.defaults()).deliver(alert))
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.authFailure()).isTrue();
                    assertThat(e.getMessage()).contains("HTTP 401").doesNotContain("guess", "am-s3cret");
                });
        assertThatThrownBy(() -> new AlertmanagerSink(AlertmanagerSinkConfig.at(base.toString())
                .withBasicAuth("netrare", "file:" + password), DeliveryConfig.defaults()).deliver(alert))
                .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.authFailure()).isFalse())
                .hasMessageContaining("unreachable");
    }

    private URI startAlertmanager(Path cert, Path key) throws Exception {
        Path config = Files.writeString(dir.resolve("alertmanager.yml"), """
                route:
                  receiver: nowhere
                receivers:
                  - name: nowhere
                """);
        Path web = Files.writeString(dir.resolve("web.yml"), """
                tls_server_config:
                  cert_file: %s
                  key_file: %s
                basic_auth_users:
                  netrare: %s
                """.formatted(cert, key, HASH));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        alertmanager = new ProcessBuilder(BINARY.toString(), "--config.file=" + config, "--web.config.file=" + web,
                "--storage.path=" + Files.createDirectories(dir.resolve("data")),
                "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("alertmanager.log").toFile())
                .start();
        return URI.create("https://127.0.0.1:" + port);
    }

    private static SSLContext context(KeyStore trust) throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    private static HttpResponse<String> get(HttpClient client, URI base, String path, String authorization) throws Exception {
        return client.send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", authorization).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
