package io.netrare.ingest.parse;

import java.time.Instant;

/**
 * Where a record was read and what to use when it carries no time.
 *
 * @param fallbackTime the time to give a record without one, or null to reject it
 */
public record ParseContext(String source, long offset, Instant fallbackTime) {
}
