package io.netrare.runtime.metrics;

import io.netrare.runtime.config.Secret;

import java.nio.file.Path;

/**
 * Where and how {@code /metrics} and the health endpoints are served.
 *
 * @param host      address to bind: {@code 0.0.0.0} (the default, needed in containers, where the pod or
 *                  container network and a NetworkPolicy fence it) or {@code 127.0.0.1} for local runs
 * @param port      TCP port; 0 picks a free port (the bound port is reported by {@link MetricsServer#port()})
 * @param enabled   false serves nothing (tests that only need meters)
 * @param tls       HTTPS instead of HTTP when a key store is set
 * @param basicAuth HTTP basic authentication of {@code /metrics} when a user name is set; the health
 *                  endpoints stay open for the kubelet's probes (they reveal only "live" or "ready")
 */
public record MetricsSettings(String host, int port, boolean enabled, Tls tls, BasicAuth basicAuth) {

    public MetricsSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in [0, 65535], got " + port);
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        tls = tls == null ? Tls.defaults() : tls;
        basicAuth = basicAuth == null ? BasicAuth.defaults() : basicAuth;
    }

    /** Plain HTTP, no authentication. */
    public MetricsSettings(String host, int port, boolean enabled) {
        this(host, port, enabled, Tls.defaults(), BasicAuth.defaults());
    }

    public static MetricsSettings defaults() {
        return new MetricsSettings("0.0.0.0", 9400, true);
    }

    /** Loopback on a free port: for tests and the one-JVM demo. */
    public static MetricsSettings localFreePort() {
        return new MetricsSettings("127.0.0.1", 0, true);
    }

    public MetricsSettings withTls(Tls t) {
        return new MetricsSettings(host, port, enabled, t, basicAuth);
    }

    public MetricsSettings withBasicAuth(BasicAuth b) {
        return new MetricsSettings(host, port, enabled, tls, b);
    }

    /**
     * HTTPS for the endpoints.
     *
     * @param keystore         PKCS12 (or {@code keystore_type}) file with the server's key and certificate; none: plain HTTP
     * @param keystorePassword its password (and the key's)
     * @param keystoreType     {@code PKCS12} by default
     */
    public record Tls(Path keystore, @Secret String keystorePassword, String keystoreType) {
        public Tls {
            keystorePassword = keystorePassword == null ? "" : keystorePassword;
            keystoreType = keystoreType == null || keystoreType.isBlank() ? "PKCS12" : keystoreType;
        }

        public static Tls defaults() {
            return new Tls(null, "", "PKCS12");
        }

        public boolean enabled() {
            return keystore != null;
        }
    }

    /**
     * HTTP basic authentication of {@code /metrics}.
     *
     * @param username     none: no authentication
     * @param password     the password, or
     * @param passwordFile a file holding it (a mounted secret; read at start, trailing newline ignored)
     */
    public record BasicAuth(String username, @Secret String password, Path passwordFile) {
        public BasicAuth {
            username = username == null ? "" : username;
            password = password == null ? "" : password;
            if (!username.isBlank() && password.isEmpty() && passwordFile == null) {
                throw new IllegalArgumentException("basic_auth needs a password or a password_file");
            }
        }

        public static BasicAuth defaults() {
            return new BasicAuth("", "", null);
        }

        public boolean enabled() {
            return !username.isBlank();
        }
    }
}
