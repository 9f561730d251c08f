package io.netrare.alerting.sink;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The Alertmanager sink's credentials against a real HTTP server: bearer from a rotating file, basic from env. */
class AlertmanagerAuthTest {

    private HttpServer server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v2/alerts", exchange -> {
            exchange.getRequestBody().readAllBytes();
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void bearerTokenFileIsReadForEveryRequestAndBasicAuthComesFromItsSecret(@TempDir Path dir) throws Exception {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        Path token = Files.writeString(dir.resolve("token"), "first\n");
        AlertmanagerSink bearer = new AlertmanagerSink(AlertmanagerSinkConfig.at(base).withBearerToken("file:" + token),
                DeliveryConfig.defaults());
        bearer.deliver(TestAlerts.alert("a", Instant.now()));
        Files.writeString(token, "second\n");
        bearer.deliver(TestAlerts.alert("b", Instant.now()));

        new AlertmanagerSink(AlertmanagerSinkConfig.at(base).withBasicAuth("netrare", "env:AM_PASSWORD"),
                DeliveryConfig.defaults(), Map.of("AM_PASSWORD", "pw")::get).deliver(TestAlerts.alert("c", Instant.now()));
        new AlertmanagerSink(AlertmanagerSinkConfig.at(base), DeliveryConfig.defaults()).deliver(TestAlerts.alert("d", Instant.now()));

        assertThat(authorizations).containsExactly("Bearer first", "Bearer second", "Basic bmV0cmFyZTpwdw==", null);
    }
}
