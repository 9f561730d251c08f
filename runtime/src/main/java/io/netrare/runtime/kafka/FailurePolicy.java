package io.netrare.runtime.kafka;

/** What the loop does with a record whose processing failed for good (after retries, if retriable). */
public enum FailurePolicy {
    /** Abort the transaction (or leave offsets uncommitted) and stop the loop: the service fails. */
    FAIL,
    /** Send the original record to the service's dead-letter topic with the six {@code netrare.dlq.*} headers, then go on. */
    DEAD_LETTER,
    /** Count it, log it, go on. */
    SKIP
}
