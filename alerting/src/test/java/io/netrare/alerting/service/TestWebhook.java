package io.netrare.alerting.service;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** A webhook receiver on 127.0.0.1 for the alerting service ITs: {@code POST /hook}, answered with no body. */
final class TestWebhook implements AutoCloseable {

    /** The status to answer a request with, from its headers and body. */
    interface Answer {
        int status(Headers headers, String body);
    }

    private final HttpServer server;

    private TestWebhook(HttpServer server) {
        this.server = server;
    }

    static TestWebhook start(Answer answer) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(exchange.getRequestHeaders(), body), -1);
            exchange.close();
        });
        server.start();
        return new TestWebhook(server);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
