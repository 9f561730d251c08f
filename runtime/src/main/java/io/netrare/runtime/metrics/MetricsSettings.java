package io.netrare.runtime.metrics;

/**
 * Where {@code /metrics} and the health endpoints are served.
 *
 * @param host    address to bind ({@code 0.0.0.0} in containers, {@code 127.0.0.1} for local runs)
 * @param port    TCP port; 0 picks a free port (the bound port is reported by {@link MetricsServer#port()})
 * @param enabled false serves nothing (tests that only need meters)
 */
public record MetricsSettings(String host, int port, boolean enabled) {

    public MetricsSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in [0, 65535], got " + port);
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be empty");
        }
    }

    public static MetricsSettings defaults() {
        return new MetricsSettings("0.0.0.0", 9400, true);
    }

    /** Loopback on a free port: for tests and the one-JVM demo. */
    public static MetricsSettings localFreePort() {
        return new MetricsSettings("127.0.0.1", 0, true);
    }
}
