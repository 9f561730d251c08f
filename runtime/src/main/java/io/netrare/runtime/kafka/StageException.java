package io.netrare.runtime.kafka;

import static java.util.Objects.requireNonNull;

/**
 * A processing failure attributed to a named stage of a processor (e.g. {@code parse}, {@code score}),
 * so the loop applies that stage's failure policy and writes the stage into the dead letter's headers.
 * Exceptions that are not a {@code StageException} belong to the loop's default stage ({@code process}).
 */
public class StageException extends RuntimeException {

    private final String stage;

    public StageException(String stage, String message, Throwable cause) {
        super(message, cause);
        this.stage = requireNonNull(stage, "stage is null");
    }

    public StageException(String stage, Throwable cause) {
        this(stage, cause.getMessage(), cause);
    }

    public String stage() {
        return stage;
    }
}
