package io.netrare.runtime.job;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Checks the event time of a record read from an internal topic ({@code netrare.events}) before it can
 * move a share's watermark: anyone allowed to write there could otherwise date one event in the year 2100
 * and make every later event of its share late, a blinding saved in every snapshot. The limit is the
 * ingest service's default {@code max_future}, so an event ingest accepted passes here too.
 */
public final class EventTimeGuard {

    /** Ingest's default {@code limits.max_future}. */
    public static final Duration DEFAULT_MAX_FUTURE = Duration.ofMinutes(5);

    private final Duration maxFuture;

    public EventTimeGuard(Duration maxFuture) {
        this.maxFuture = requireNonNull(maxFuture, "maxFuture is null");
        if (maxFuture.isNegative()) {
            throw new IllegalArgumentException("maxFuture must not be negative");
        }
    }

    public static EventTimeGuard defaults() {
        return new EventTimeGuard(DEFAULT_MAX_FUTURE);
    }

    /** Why {@code eventTime} is refused at wall-clock {@code now}, or empty when it is acceptable. */
    public Optional<String> check(Instant eventTime, Instant now) {
        if (eventTime == null) {
            return Optional.of("event has no timestamp");
        }
        if (eventTime.isAfter(now.plus(maxFuture))) {
            return Optional.of("event time " + eventTime + " is more than " + maxFuture + " after the clock (" + now + ")");
        }
        return Optional.empty();
    }

    /** Throws {@link InvalidEventTimeException} when {@link #check} refuses the time. */
    public void require(Instant eventTime, Instant now) {
        Optional<String> reason = check(eventTime, now);
        if (reason.isPresent()) {
            throw new InvalidEventTimeException(reason.get());
        }
    }

    /** An event time no share may learn from: the record goes to the dead-letter topic with this reason. */
    public static final class InvalidEventTimeException extends RuntimeException {
        public InvalidEventTimeException(String message) {
            super(message, null, false, false);
        }
    }
}
