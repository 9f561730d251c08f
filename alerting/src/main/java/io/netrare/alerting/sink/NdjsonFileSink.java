package io.netrare.alerting.sink;

import io.netrare.schema.Alert;
import io.netrare.schema.Json;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static java.util.Objects.requireNonNull;

/** Appends each alert as one JSON line and flushes, so a reader tailing the file sees it at once. */
public final class NdjsonFileSink implements AlertSink {

    private final Path path;
    private Writer out;

    public NdjsonFileSink(Path path) {
        this.path = requireNonNull(path, "path is null");
    }

    @Override
    public String name() {
        return "ndjson";
    }

    @Override
    public synchronized void deliver(Alert alert) throws DeliveryException {
        try {
            if (out == null) {
                Path parent = path.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                out = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
            out.write(Json.writeString(alert));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new DeliveryException("cannot append to " + path + ": " + e.getMessage(), true, e);
        }
    }

    @Override
    public synchronized void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // nothing left to flush that close could save
            }
            out = null;
        }
    }
}
