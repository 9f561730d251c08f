package io.netrare.alerting.sink;

import io.netrare.schema.Alert;
import io.netrare.schema.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;

import static java.util.Objects.requireNonNull;

/** Dead letters as NDJSON lines {@code {"sink","reason","dead_lettered_at","alert"}}, replayable by hand. */
public final class NdjsonDeadLetters implements DeadLetters {

    private final Path path;
    private final Clock clock;

    public NdjsonDeadLetters(Path path, Clock clock) {
        this.path = requireNonNull(path, "path is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    record Entry(String sink, String reason, @com.fasterxml.jackson.annotation.JsonProperty("dead_lettered_at")
            java.time.Instant deadLetteredAt, Alert alert) {
    }

    @Override
    public synchronized void accept(String sink, Alert alert, String reason) {
        try {
            Files.writeString(path, Json.writeString(new Entry(sink, reason, clock.instant(), alert)) + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write dead letter to " + path, e);
        }
    }
}
