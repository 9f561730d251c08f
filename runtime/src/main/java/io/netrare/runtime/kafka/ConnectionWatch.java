package io.netrare.runtime.kafka;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

import java.util.Map;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * Tells whether an idle client still reaches the brokers: a client that sends nothing sees no error when
 * they go away, but its {@code connection-count} metric drops to zero. Read at most once a second.
 */
final class ConnectionWatch {

    private static final long INTERVAL_NANOS = 1_000_000_000L;

    private final Supplier<? extends Map<MetricName, ? extends Metric>> metrics;
    private final String group;
    private long lastCheck = System.nanoTime() - INTERVAL_NANOS;
    private volatile boolean disconnected;

    /**
     * @param metrics the client's metrics
     * @param group   the metric group of the client's {@code connection-count}: {@code consumer-metrics} or
     *                {@code producer-metrics}
     */
    ConnectionWatch(Supplier<? extends Map<MetricName, ? extends Metric>> metrics, String group) {
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.group = requireNonNull(group, "group is null");
    }

    /** Reads the metric again when the last read is a second old; true when the client holds no connection. */
    boolean check() {
        long now = System.nanoTime();
        if (now - lastCheck >= INTERVAL_NANOS) {
            lastCheck = now;
            for (Map.Entry<MetricName, ? extends Metric> m : metrics.get().entrySet()) {
                if (m.getKey().name().equals("connection-count") && m.getKey().group().equals(group)
                        && m.getValue().metricValue() instanceof Number n) {
                    disconnected = n.doubleValue() < 1;
                    break;
                }
            }
        }
        return disconnected;
    }

    /** What the last {@link #check} saw (any thread). */
    boolean disconnected() {
        return disconnected;
    }
}
