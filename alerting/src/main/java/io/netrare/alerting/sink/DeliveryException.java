package io.netrare.alerting.sink;

/** A failed delivery attempt; {@code retriable} false means retrying cannot help (e.g. HTTP 400). */
public final class DeliveryException extends Exception {

    private final boolean retriable;

    public DeliveryException(String message, boolean retriable, Throwable cause) {
        super(message, cause);
        this.retriable = retriable;
    }

    public DeliveryException(String message, boolean retriable) {
        this(message, retriable, null);
    }

    public boolean retriable() {
        return retriable;
    }

    /** Retriable HTTP statuses: request timeout, too early, too many requests and every 5xx. */
    static DeliveryException forStatus(String sink, int status, String body) {
        boolean retriable = status == 408 || status == 425 || status == 429 || status >= 500;
        String excerpt = body == null ? "" : body.length() > 200 ? body.substring(0, 200) + "..." : body;
        return new DeliveryException(sink + " answered HTTP " + status + (excerpt.isBlank() ? "" : ": " + excerpt),
                retriable);
    }
}
