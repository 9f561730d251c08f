package io.netrare.alerting.sink;

import io.netrare.schema.Alert;

/**
 * Somewhere alerts go. {@link #deliver} makes one attempt and either returns (delivered) or throws
 * {@link DeliveryException} saying whether another attempt may succeed; retries, backoff and dead letters
 * are the sink loop's job (the service's SinkDeliveryProcessor with the runtime's Retrier), so each sink stays a
 * plain adapter.
 */
public interface AlertSink extends AutoCloseable {

    /** Short name used in metrics and logs: console, ndjson, webhook, alertmanager. */
    String name();

    void deliver(Alert alert) throws DeliveryException;

    @Override
    default void close() {
    }
}
