package io.netrare.alerting.sink;

import io.netrare.runtime.text.SafeText;

/**
 * A failed delivery attempt: {@code retriable} false means retrying soon cannot help (e.g. HTTP 400);
 * {@code authFailure} marks a refusal of the credentials (HTTP 401, 403), which has its own policy.
 * Messages never carry secrets, URLs are masked, and receiver text is escaped.
 */
public final class DeliveryException extends Exception {

    private static final int EXCERPT = 200;

    private final boolean retriable;
    private final boolean authFailure;

    public DeliveryException(String message, boolean retriable, Throwable cause) {
        this(message, retriable, false, cause);
    }

    private DeliveryException(String message, boolean retriable, boolean authFailure, Throwable cause) {
        super(message, cause);
        this.retriable = retriable;
        this.authFailure = authFailure;
    }

    public DeliveryException(String message, boolean retriable) {
        this(message, retriable, null);
    }

    public boolean retriable() {
        return retriable;
    }

    public boolean authFailure() {
        return authFailure;
    }

    /** A secret that cannot be read (missing file, unset variable): handled like a refused credential. */
    static DeliveryException credentials(String sink, String message) {
        return new DeliveryException(sink + ": " + message, false, true, null);
    }

    /** Retriable HTTP statuses: request timeout, too early, too many requests and every 5xx. */
    static DeliveryException forStatus(String sink, int status, String body) {
        boolean retriable = status == 408 || status == 425 || status == 429 || status >= 500;
        boolean auth = status == 401 || status == 403;
        String text = body == null ? "" : SafeText.escape(body.strip());
        String excerpt = text.length() > EXCERPT ? text.substring(0, EXCERPT) + "..." : text;
        return new DeliveryException(sink + " answered HTTP " + status + (excerpt.isBlank() ? "" : ": " + excerpt),
                retriable, auth, null);
    }
}
