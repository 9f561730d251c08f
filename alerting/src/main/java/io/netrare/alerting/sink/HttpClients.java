package io.netrare.alerting.sink;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;

/** HTTP clients for the sinks, with an optional trust store for TLS to a private CA. */
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
