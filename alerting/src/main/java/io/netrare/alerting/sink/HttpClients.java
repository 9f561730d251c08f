package io.netrare.alerting.sink;

import io.netrare.runtime.text.UrlMask;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;

/**
 * HTTP for the sinks: clients with an optional trust store for TLS to a private CA, and one POST that reads
 * at most a bounded part of the response body and maps the outcome to {@link DeliveryException}.
 */
final class HttpClients {

    private HttpClients() {
    }

    static HttpClient create(Duration connectTimeout, Path trustStore, Secret password, String type) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (trustStore != null) {
            builder.sslContext(sslContext(trustStore, password, type));
        }
        return builder.build();
    }

    /**
     * Sends {@code request}; returns on 2xx, else throws. At most {@code maxBody} bytes of the body are read,
     * so a receiver cannot make the sink buffer an unbounded answer.
     */
    static void post(HttpClient client, HttpRequest request, String sink, int maxBody) throws DeliveryException {
        send(client, request, sink, maxBody);
    }

    /**
     * As {@link #post}, and returns the first {@code maxBody} bytes of the 2xx response's body (a sink that
     * reads the answer, as the elasticsearch sink reads a bulk response).
     */
    static byte[] send(HttpClient client, HttpRequest request, String sink, int maxBody) throws DeliveryException {
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new DeliveryException(sink + " " + UrlMask.mask(request.uri()) + " unreachable: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + UrlMask.maskAll(e.getMessage())),
                    true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted", true, e);
        }
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes(maxBody);
        } catch (IOException e) {
            body = new byte[0];
        }
        if (response.statusCode() / 100 != 2) {
            throw DeliveryException.forStatus(sink, response.statusCode(), new String(body, StandardCharsets.UTF_8));
        }
        return body;
    }

    /** The value of an {@code Authorization} header for HTTP basic authentication. */
    static String basic(String username, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static SSLContext sslContext(Path trustStore, Secret password, String type) {
        try (InputStream in = Files.newInputStream(trustStore)) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password == null ? null : password.resolve().toCharArray());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            // the message names the file, never the password
            throw new IllegalArgumentException("cannot load trust store " + trustStore + ": " + e.getMessage(), e);
        }
    }
}
