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

    /** Runs {@code check}; an exception of type {@code failure} that it throws becomes a failure of {@code stage}. */
    public static void attribute(String stage, Class<? extends RuntimeException> failure, Runnable check) {
        try {
            check.run();
        } catch (RuntimeException e) {
            if (failure.isInstance(e)) {
                throw new StageException(stage, e);
            }
            throw e;
        }
    }

    public String stage() {
        return stage;
    }
}
