package io.netrare.alerting.sink;

import io.netrare.schema.Alert;

/** Where alerts go that a sink could not deliver: a file here, {@code netrare.dlq.alerting} in the service. */
public interface DeadLetters {

    void accept(String sink, Alert alert, String reason);

    /** Drops dead letters (they are still counted and logged by the caller). */
    DeadLetters NONE = (sink, alert, reason) -> { };
}
