package io.netrare.alerting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * A dedup store that survives restarts without Kafka (offline runs, the CLI): an append-only file of
 * alert ids, one per line, read back on open. Each id is flushed before {@link #add} returns, so an
 * alert raised before a crash is known after it.
 */
public final class FileDedupStore implements DedupStore, AutoCloseable {

    private final Set<String> ids = ConcurrentHashMap.newKeySet();
    private final Writer out;

    public FileDedupStore(Path file) {
        requireNonNull(file, "file is null");
        try {
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        ids.add(line.trim());
                    }
                }
            }
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open dedup store " + file, e);
        }
    }

    @Override
    public synchronized boolean add(String alertId) {
        if (!ids.add(alertId)) {
            return false;
        }
        try {
            out.write(alertId);
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            ids.remove(alertId);
            throw new UncheckedIOException("cannot write dedup store", e);
        }
        return true;
    }

    @Override
    public boolean contains(String alertId) {
        return ids.contains(alertId);
    }

    @Override
    public long size() {
        return ids.size();
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
